"""mkdocs-blogposts: a multilingual blog for any MkDocs site, from pages that say `type: post`."""
