from django.conf import settings
from django.core import checks


@checks.register()
def unsubscribe_links_use_https(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """RFC 8058 one-click unsubscribe needs an https address; mailbox providers ignore http."""
    if settings.DEBUG or settings.SITE_URL.startswith("https://"):
        return []
    return [
        checks.Warning(
            "SITE_URL is not https: mailbox providers will not offer one-click unsubscribe.",
            hint="Set SITE_URL=https://your-domain in production.",
            id="newsletter.W001",
        )
    ]
