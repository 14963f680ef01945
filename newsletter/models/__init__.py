"""Newsletter issues as pages, subscribers with their consent, and one delivery per recipient."""

from .pages import NewsletterIndexPage, NewsletterPage
from .sending import Delivery, DeliveryStatus, NewsletterSend
from .subscribers import ConsentAction, ConsentRecord, Subscriber, SubscriberStatus

__all__ = [
    "ConsentAction",
    "ConsentRecord",
    "Delivery",
    "DeliveryStatus",
    "NewsletterIndexPage",
    "NewsletterPage",
    "NewsletterSend",
    "Subscriber",
    "SubscriberStatus",
]
