"""Fetching feeds and pages safely and politely (off unless ``BRIEFS_FETCH_ALLOW`` lists hosts).

``client`` is the only module that opens connections; everything else gives it URLs.
"""
