extensions = ["jekyll_myst", "notfound.extension"]
html_baseurl = "https://docs.example.org/"
notfound_urls_prefix = "/"
exclude_patterns = ["_build"]
jekyll_settings = {
    "url": "https://blog.example.org",
    "plugins": ["jekyll-mentions", "jemoji"],
    "kramdown": {"toc_levels": "2..3"},
}
jekyll_today = __import__("datetime").date(2024, 1, 1)
html_theme = "basic"
