from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's user, ours from day one so that fields can be added without a painful swap."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
