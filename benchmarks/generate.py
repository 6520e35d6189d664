"""Write a deterministic blog of N posts in the reference format, for benchmarks and tests.

The same posts are written twice, so that both blog plugins can read them:

- `docs/`: the reference format (the corpus' `confiance/index.md`): `date` as a quoted
  string, `section`, `lang`, `type: post`, `tags`, `categories`. The floor (no blog plugin)
  and mkdocs-blogposts build this one.
- `docs-material/`: the same files, with `date` as a YAML date and a `blog/index.md`
  entry page, which Material's blog plugin requires (it rejects quoted dates).

Posts live under `blog/posts/<section>/<year>/<month>/<slug>/index.md`, the only place
Material's plugin looks for them. Nothing is random but the seeded `random.Random`.

    python benchmarks/generate.py 1000 /tmp/blog-1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import posixpath
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

LANGUAGES = (("fr", 0.6), ("en", 0.3), ("de", 0.1))
SECTIONS = ("default", "papa", "citoyen")
FIRST_YEAR, LAST_YEAR = 2008, 2023
MORE = "<!-- more -->"

_TEXTS = {
    "fr": (
        "le projet avance bien mais la confiance se gagne en gouttes et se perd en litres "
        "nous avons parlé du planning avec le client qui souhaite une solution simple "
        "la performance web reste une question de culture plus que de technique "
        "mon fils découvre le vélo et la ville change de visage chaque matin "
        "un navigateur moderne charge les images sans bloquer le rendu de la page "
        "les équipes apprennent ensemble à mesurer ce qui compte vraiment pour les gens "
        "accessibilité qualité sobriété rigueur curiosité patience lecture écriture"
    ),
    "en": (
        "the project moves along but trust is earned in drops and lost in buckets "
        "we talked about the schedule with a client who wants a simple solution "
        "web performance is a matter of culture more than of technique "
        "my son is learning to ride a bike and the city looks new every morning "
        "a modern browser loads images without blocking the rendering of the page "
        "teams learn together how to measure what really matters to people "
        "accessibility quality restraint rigour curiosity patience reading writing"
    ),
    "de": (
        "das Projekt kommt voran aber Vertrauen gewinnt man tropfenweise und verliert es "
        "literweise wir sprachen über den Zeitplan mit einem Kunden der eine einfache "
        "Lösung möchte Webperformance ist eher eine Frage der Kultur als der Technik "
        "mein Sohn lernt Fahrrad fahren und die Stadt sieht jeden Morgen anders aus "
        "ein moderner Browser lädt Bilder ohne das Rendern der Seite zu blockieren "
        "Barrierefreiheit Qualität Sorgfalt Neugier Geduld Lesen Schreiben"
    ),
}
WORDS = {lang: text.split() for lang, text in _TEXTS.items()}
TAGS = (
    "Performance", "Accessibilité", "Front-End", "HTTP/2", "Vie privée", "Éducation",
    "Humour", "Lecture", "Vélo", "Musique", "Conférence", "Opquast", "Web", "CSS",
    "JavaScript", "Sécurité", "Écologie", "Santé", "Cinéma", "Jeux vidéo", "Famille",
    "Politique", "Économie", "Photographie", "Voyage", "Outils", "Métier", "Qualité",
    "Open Source", "Données", "Mobile", "Design", "Typographie", "Hébergement",
    "Recherche", "Livres", "Podcast", "Radio", "Télévision", "Cuisine",
)
CATEGORIES = ("Billet", "Veille", "Tutoriel", "Retour d'expérience", "Lien", "Réflexion",
              "Citation", "Événement")
TRANSLATED_SHARE = 0.3  # of the non-French posts, translations of a French post


@dataclass
class PostSpec:
    """One generated post, before it is written."""

    serial: int
    title: str
    day: date
    section: str
    lang: str
    slug: str
    tags: list[str]
    categories: list[str]
    i18n_key: str | None = None
    links: list[int] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        """Where the post is written, under the docs folder."""
        return (f"blog/posts/{self.section}/{self.day.year}/{self.day.month:02d}/"
                f"{self.slug}/index.md")


def _sentence(rng: random.Random, lang: str, low: int = 8, high: int = 22) -> str:
    words = rng.choices(WORDS[lang], k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, lang: str) -> str:
    return " ".join(_sentence(rng, lang) for _ in range(rng.randint(2, 6)))


def _ascii_slug(words: list[str]) -> str:
    text = unicodedata.normalize("NFKD", "-".join(words).lower())
    return text.encode("ascii", "ignore").decode()


def _random_day(rng: random.Random) -> date:
    start = date(FIRST_YEAR, 1, 1)
    return start + timedelta(days=rng.randrange((date(LAST_YEAR, 12, 31) - start).days + 1))


def plan_posts(count: int, seed: int = 1) -> list[PostSpec]:
    """The posts of a blog of `count` posts: metadata and links, no text yet."""
    rng = random.Random(seed)
    langs = [lang for lang, _ in LANGUAGES]
    weights = [weight for _, weight in LANGUAGES]
    posts: list[PostSpec] = []
    for serial in range(count):
        lang = rng.choices(langs, weights)[0]
        original = None
        french = [p for p in posts[-50:] if p.lang == "fr" and p.i18n_key is None]
        if lang != "fr" and french and rng.random() < TRANSLATED_SHARE:
            original = rng.choice(french)
        words = rng.sample(WORDS[lang], rng.randint(2, 4))
        title = f"{' '.join(words).capitalize()} {serial + 1}"
        spec = PostSpec(
            serial=serial,
            title=title,
            day=original.day if original else _random_day(rng),
            section=original.section if original else rng.choice(SECTIONS),
            lang=lang,
            slug=f"{_ascii_slug(words)}-{serial + 1}",
            tags=rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3))),
            categories=rng.sample(CATEGORIES, rng.choice((1, 1, 2))),
        )
        if original is not None:
            original.i18n_key = spec.i18n_key = original.slug
        if serial:
            spec.links = [rng.randrange(serial) for _ in range(rng.choice((0, 1, 1, 2)))]
        posts.append(spec)
    return posts


def _relative(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri))


def post_body(spec: PostSpec, posts: list[PostSpec], rng: random.Random) -> str:
    """Markdown of a post: an excerpt, a `<!-- more -->` marker, sections, links."""
    lang = spec.lang
    parts = [_paragraph(rng, lang)]
    if rng.random() < 0.9:
        parts.append(MORE)
    for number in range(rng.randint(1, 4)):
        parts.append(f"## {_sentence(rng, lang, 2, 5)[:-1]} {number + 1}")
        parts.append(_paragraph(rng, lang))
        if rng.random() < 0.3:
            parts.append("\n".join(f"- {_sentence(rng, lang, 3, 8)}" for _ in range(3)))
        if rng.random() < 0.15:
            parts.append(f'> "{_sentence(rng, lang)}"')
        if rng.random() < 0.1:
            parts.append("```js\nconst answer = 42;\nconsole.log(answer);\n```")
    for target in spec.links:
        other = posts[target]
        parts.append(f"Voir aussi [{other.title}]({_relative(spec.src_uri, other.src_uri)}) "
                     f"et **[le site du W3C](https://www.w3.org/)**.")
    return "\n\n".join(parts)


def front_matter(spec: PostSpec, quoted_date: bool) -> str:
    """The reference format's front matter; `quoted_date=False` for Material's plugin."""
    data: dict[str, object] = {"title": spec.title}
    if spec.i18n_key:
        data["i18n-key"] = spec.i18n_key
    data.update(
        date=spec.day.isoformat() if quoted_date else spec.day,
        section=spec.section,
        lang=spec.lang,
        type="post",
    )
    if spec.tags:
        data["tags"] = spec.tags
    data["categories"] = spec.categories
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def plain_pages(posts: list[PostSpec]) -> dict[str, str]:
    """A few pages that are not posts, some linking to posts."""
    def link(uri: str, spec: PostSpec) -> str:
        return f"[{spec.title}]({_relative(uri, spec.src_uri)})"

    recent = posts[:3]
    return {
        "index.md": "# Bienvenue\n\nUn blog de test, généré pour les mesures.\n\n"
        + "\n".join(f"- {link('index.md', p)}" for p in recent) + "\n",
        "about.md": "---\ntitle: À propos\nlang: fr\n---\n\nQui écrit ici, et pourquoi.\n",
        # Not 'about.en.md': without its suffix, a page of the default language (en) would
        # take the URL of the French 'about.md'.
        "en/about.md": "---\ntitle: About\nlang: en\n---\n\nWho writes here, and why.\n",
        "contact.md": "# Contact\n\nÉcrivez-moi.\n",
        "notes/colophon.md": "# Colophon\n\nFait avec MkDocs.\n\n"
        + (f"Premier billet : {link('notes/colophon.md', posts[0])}.\n" if posts else ""),
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_blog(out: Path, count: int, seed: int = 1) -> list[PostSpec]:
    """Write `out/docs` (reference format) and `out/docs-material`; return the posts."""
    posts = plan_posts(count, seed)
    rng = random.Random(seed + 1)
    for folder in ("docs", "docs-material"):
        shutil.rmtree(out / folder, ignore_errors=True)
    for spec in posts:
        body = post_body(spec, posts, rng)
        for folder, quoted in (("docs", True), ("docs-material", False)):
            _write(out / folder / spec.src_uri, f"---\n{front_matter(spec, quoted)}---\n\n{body}\n")
    for uri, text in plain_pages(posts).items():
        for folder in ("docs", "docs-material"):
            _write(out / folder / uri, text)
    _write(out / "docs-material" / "blog" / "index.md", "# Blog\n")
    return posts


def main() -> None:
    """Command line: `generate.py N OUT [--seed S]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of posts")
    parser.add_argument("out", type=Path, help="folder to write docs/ and docs-material/ into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    posts = write_blog(args.out, args.count, args.seed)
    print(f"{len(posts)} posts written to {args.out}/docs and {args.out}/docs-material")


if __name__ == "__main__":
    main()
