"""Podcasts: audio inspection, cover-art rules, the Podcasting 2.0 feed and chapters JSON.

The page models live in ``media_pages.models.podcasts``; this package holds what they use and
what the feed views serve, so that each piece can be tested without a page tree.
"""
