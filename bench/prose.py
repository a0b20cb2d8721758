"""Plausible engineering-blog prose and kramdown blocks, drawn from a seeded RNG.

The constructs are the ones real Jekyll posts use and the extension has to
translate: a ``{:toc}`` list under a ``{:.no_toc}`` heading, ``##``/``###``
headings, fenced code, ``<figure>`` with a Markdown image, footnotes, links
to other posts by their Jekyll URL, block IALs, mentions and emoji.
"""

from __future__ import annotations

import random
from typing import Protocol

SENTENCES = [
    "We {verbed} the {thing} so that {team} engineers can {verb} {things} without {trouble}.",
    "Our {thing} used to {fail} every {period}, which made {trouble} hard to spot.",
    "The first version of the {thing} was written in {lang} and ran on a single {host}.",
    "After the migration, {metric} fell by {small}0 percent and stayed there.",
    "Requests to the {thing} took {big} ms at the 99th percentile before the change and {small}0 ms after.",
    "The {team} team owns the {thing}, and every change to it goes through a short design review.",
    "It turned out that a misconfigured {thing} was behind the {trouble}.",
    "We measured {metric} for {small} days before changing anything.",
    "This is where the {thing} earns its keep: it lets {team} engineers {verb} {things} safely.",
    "None of this would have worked without good {practice}.",
    "In hindsight, we should have split the {thing} into smaller {things} much earlier.",
    "Each {thing} reports {metric} to {tool}, and an alert fires after {small} minutes.",
    "The trade-off is {adj} {things}, which we accept for now.",
    "Rolling the change out market by market kept the blast radius small.",
    "We wrote a runbook so that whoever is on call knows how to {verb} the {thing}.",
    "If you are curious, the {thing} is {adj} enough to read in an afternoon.",
    "Most requests never reach the {thing} at all, because a cache in front of it answers them.",
    "Nobody enjoys {trouble}, but it taught us a lot about {practice}.",
    "A year later, the {thing} handles {big} requests per second on {small} {host}s.",
    "We kept the old {thing} running in parallel for {small} weeks and compared their {metric}.",
    "The hardest part was not the code but agreeing on who owns the {thing}.",
]
SLOTS = {
    "verb": ["rebuild", "shard", "instrument", "simplify", "migrate", "replace", "cache",
             "deploy", "monitor", "retire", "test", "scale", "profile", "document"],
    "verbed": ["rebuilt", "sharded", "instrumented", "simplified", "migrated", "replaced", "cached",
               "split", "rewrote", "retired", "load-tested", "scaled", "profiled", "documented"],
    "fail": ["fall over", "time out", "run out of memory", "drop messages", "restart"],
    "thing": ["order service", "dispatch engine", "payment gateway", "search index", "build pipeline",
              "feature flag system", "message queue", "rate limiter", "menu API", "session store",
              "deploy tool", "schema registry", "load balancer", "event bus", "config service"],
    "things": ["deployments", "schema changes", "database migrations", "experiments", "rollbacks",
               "queries", "releases", "dashboards", "on-call handovers", "integration tests"],
    "team": ["platform", "payments", "search", "logistics", "consumer", "data", "security"],
    "trouble": ["night-time pages", "flaky tests", "cascading failures", "slow builds",
                "noisy alerts", "configuration drift", "lock contention", "cold caches"],
    "period": ["night", "deploy", "Friday", "hour", "peak", "release"],
    "lang": ["Ruby", "Go", "Python", "Rust", "Kotlin", "TypeScript"],
    "host": ["instance", "container", "node", "VM"],
    "metric": ["p99 latency", "error rate", "build time", "queue depth", "memory use", "cost"],
    "practice": ["observability", "code review", "incident reviews", "load testing", "pairing",
                 "documentation", "capacity planning"],
    "tool": ["Datadog", "Prometheus", "Grafana", "PagerDuty", "our tracing backend"],
    "adj": ["slower", "simpler", "smaller", "more predictable", "boring", "cheaper", "stricter"],
}
TITLES = ["How we {verbed} the {thing}", "Lessons from {trouble}", "The {thing}, one year on",
          "Fewer {things}, better {practice}", "Why we {verbed} our {thing}",
          "{Things} without {trouble}", "What {trouble} taught the {team} team",
          "A {adj} {thing} for the {team} team", "{Practice} at scale", "Goodbye, {trouble}"]
CODE = {
    "python": ['def retry(call, attempts={small}):\n    for attempt in range(attempts):\n'
               '        try:\n            return call()\n        except TimeoutError:\n'
               '            time.sleep(2 ** attempt)\n    raise RuntimeError("gave up")',
               'ORDERS_PER_SECOND = {big}\n\n\ndef shard_for(order_id: str, shards: int = {small}) -> int:\n'
               '    return zlib.crc32(order_id.encode()) % shards'],
    "go": ['func (s *Server) Health(w http.ResponseWriter, r *http.Request) {{\n'
           '\tctx, cancel := context.WithTimeout(r.Context(), {small}*time.Second)\n\tdefer cancel()\n'
           '\tif err := s.db.PingContext(ctx); err != nil {{\n'
           '\t\thttp.Error(w, err.Error(), http.StatusServiceUnavailable)\n\t\treturn\n\t}}\n'
           '\tw.WriteHeader(http.StatusOK)\n}}',
           'var limiter = rate.NewLimiter(rate.Limit({big}), {small})'],
    "yaml": ['service: order-service\nreplicas: {small}\nresources:\n  cpu: "{small}"\n'
             '  memory: {big}Mi\nalerts:\n  - name: high-latency\n    threshold_ms: {big}',
             'deploy:\n  strategy: canary\n  steps: [1, 10, 50, 100]\n  pause_minutes: {small}'],
}
TAGS = ["platform", "golang", "python", "ruby", "kubernetes", "observability", "testing",
        "career", "security", "data", "frontend", "infrastructure", "incident", "culture"]
HANDLES = ["octocat", "deliverybot", "sre-guild", "jdoe"]
EMOJI = [":tada:", ":rocket:", ":fire:", ":+1:"]
#: The site's post images, ``/images/<name>.png``.
IMAGES = ["architecture", "latency", "pipeline", "dashboard"]


class Linkable(Protocol):
    """What a link to another post needs: its title and Jekyll URL."""

    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...


class Prose:
    """Sentences, paragraphs and a whole post body, from one shared RNG."""

    TAGS = TAGS

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str) -> str:
        values = {key: self.rng.choice(choices) for key, choices in SLOTS.items()}
        values |= {"big": self.rng.randint(100, 5000), "small": self.rng.randint(2, 12),
                   "Practice": values["practice"].capitalize(),
                   "Things": values["things"].capitalize()}
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        return self.fill(self.rng.choice(SENTENCES))

    def paragraph(self, least: int = 3, most: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(least, most)))

    def title(self) -> str:
        return self.fill(self.rng.choice(TITLES))

    def body(self, words: int, others: list[Linkable]) -> str:
        """Sections of prose and blocks until the prose reaches ``words`` words."""
        return _Body(self, others).render(words)


class _Body:
    """One post body: tracks its word count, headings and footnotes."""

    def __init__(self, prose: Prose, others: list[Linkable]) -> None:
        self.prose, self.rng, self.others = prose, prose.rng, others
        self.blocks: list[str] = []
        self.footnotes: list[str] = []
        self.headings: set[str] = set()
        self.words = 0

    def render(self, target: int) -> str:
        if self.rng.random() < 0.4:
            self.blocks.append(self.toc())
        self.blocks.append(self.rich_paragraph())
        while self.words < target:
            self.section()
        self.blocks += [f"[^{number}]: {text}" for number, text in enumerate(self.footnotes, 1)]
        return "\n\n".join(self.blocks)

    def toc(self) -> str:
        # Both list forms kramdown replaces with the table of contents.
        item = self.rng.choice(["1. Automatic Table of Contents Here", "* TOC"])
        self.headings.add("Contents")
        return f"## Contents\n{{:.no_toc}}\n\n{item}\n{{:toc}}"

    def heading(self, level: int) -> str:
        text = self.prose.title()
        while text in self.headings:  # unique, so anchors need no suffixes
            text = self.prose.title()
        self.headings.add(text)
        return "#" * level + " " + text

    def section(self) -> None:
        self.blocks.append(self.heading(2))
        for _ in range(self.rng.randint(2, 4)):
            if self.rng.random() < 0.3:
                self.blocks.append(self.heading(3))
            self.blocks.append(self.rich_paragraph())
            self.extra_block()

    def extra_block(self) -> None:
        roll = self.rng.random()
        if roll < 0.2:
            self.blocks.append(self.code())
        elif roll < 0.3:
            self.blocks.append(self.figure())
        elif roll < 0.4:
            self.blocks.append(self.rich_paragraph() + "\n{: .note}")
        elif roll < 0.5:
            self.blocks.append(self.bullets())

    def rich_paragraph(self) -> str:
        """A paragraph whose sentences may carry links, code, emphasis or a footnote."""
        sentences = [self.decorate(self.prose.sentence()) for _ in range(self.rng.randint(3, 6))]
        self.words += sum(len(sentence.split()) for sentence in sentences)
        return " ".join(sentences)

    def decorate(self, sentence: str) -> str:
        roll = self.rng.random()
        if roll < 0.08 and self.others:
            other = self.rng.choice(self.others)
            return f"{sentence} We wrote about this in [{other.title}]({other.url})."
        if roll < 0.12:
            tool = self.rng.choice(SLOTS["tool"])
            return f"{sentence} The [{tool} documentation](https://example.com/docs) explains why."
        if roll < 0.17:
            self.footnotes.append(self.prose.sentence())
            return f"{sentence[:-1]}[^{len(self.footnotes)}]."
        if roll < 0.22:
            setting = self.rng.choice(["max_retries", "timeout_ms", "pool_size"])
            return f"{sentence} Set `{setting}` accordingly."
        if roll < 0.26:
            return f"{sentence} That was **{self.rng.choice(SLOTS['adj'])}** than we expected."
        if roll < 0.28:
            return f"{sentence} Thanks to @{self.rng.choice(HANDLES)} for the idea {self.rng.choice(EMOJI)}"
        return sentence

    def code(self) -> str:
        language = self.rng.choice(sorted(CODE))
        source = self.rng.choice(CODE[language]).format(big=self.rng.randint(100, 5000),
                                                        small=self.rng.randint(2, 12))
        return f"```{language}\n{source}\n```"

    def figure(self) -> str:
        image = self.rng.choice(IMAGES)
        caption = self.prose.sentence()
        return (f"<figure>\n![The {image} diagram](/images/{image}.png)\n"
                f"<figcaption>{caption}</figcaption>\n</figure>")

    def bullets(self) -> str:
        items = [self.prose.sentence() for _ in range(self.rng.randint(3, 5))]
        self.words += sum(len(item.split()) for item in items)
        return "\n".join(f"- {item}" for item in items)
