"""kramdown's Markdown, as markdown-it rules and line rules on top of CommonMark."""
