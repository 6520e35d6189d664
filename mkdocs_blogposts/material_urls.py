"""Material's URLs: where its blog plugin puts each post, and the images beside the posts."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping

from mkdocs.structure.files import Files

from .material_dates import url_date
from .material_options import MaterialSettings
from .model import Post
from .permalinks import set_destination


def post_path(settings: MaterialSettings, post: Post, slugs: Mapping[str, str],
              language: str) -> str:
    """The URL path Material gives a post under blog_dir: 'blog/2024/01/31/hello/'."""
    categories = [settings.category_slug(name)
                  for name in post.terms.get("categories", ())[:settings.max_categories]]
    name = posixpath.splitext(posixpath.basename(post.src_uri))[0]
    path = settings.post_url_format.format(
        categories="/".join(categories), date=url_date(post.date, settings.post_url_date_format,
                                                       language),
        file=name, slug=slugs.get(post.src_uri) or settings.post_slug(post.title))
    path = posixpath.normpath(path.strip("/"))
    return posixpath.join(settings.blog_dir, path) + "/"


def path_function(settings: MaterialSettings, slugs: Mapping[str, str], language: str,
                  directory_urls: bool) -> Callable[[Post], str]:
    """What `permalinks.move_posts` calls for each post: its Material URL, as MkDocs writes it."""

    def path_of(post: Post) -> str:
        path = post_path(settings, post, slugs, language)
        return path if directory_urls else path.rstrip("/") + ".html"

    return path_of


def move_post_media(files: Files, settings: MaterialSettings) -> None:
    """Images and attachments under post_dir are published under blog_dir, as Material does.

    'blog/posts/img/a.png' is at 'blog/img/a.png', where the posts' relative links find it
    once the posts live at 'blog/2024/...'.
    """
    source = settings.post_dir.rstrip("/") + "/"
    target = settings.blog_dir + "/" if settings.blog_dir else ""
    for file in files.media_files():
        if file.src_uri.startswith(source) and file.dest_uri.startswith(source):
            set_destination(file, target + file.dest_uri[len(source):])
