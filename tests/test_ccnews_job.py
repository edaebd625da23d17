"""The CC-NEWS job end to end, as a user runs it: one shell line lists a period's archives on a
server laid out like Common Crawl's (tests/ccserver.py) and pipes them to batch, which streams
them, keeps two sites and two languages, drops the syndicated copies and writes Parquet; then
the same line on the Dask engine.

The archives are built here: eight WARC.gz files over two months (``warc.paths.gz`` for June
and July), some 3,200 records over eighty sites (two target domains, their subdomains, look-alike
domains), pages in Ukrainian, Russian, English and German from sentence templates written for
this test, index pages, non-HTML records, and wire stories printed by several sites (the same
body under each site's own header, headline and credit line). Each archive opens with a
warcinfo record, which is no capture and no input record. What the job must give is computed
from the test's own list of records, never from a run.
"""

from __future__ import annotations

import io
import json
import os
import random
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsextract.batch.dedupe import DISTANCE
from newsextract.batch.filters import on_sites
from newsextract.normalize.fingerprint import hamming, simhash

from .ccserver import Site, serve

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TARGETS = ("pravda.example", "eurocourier.example")
LANGUAGES = ("uk", "en")
# Hosts on the target domains, and look-alikes that are not on them (a name that contains a
# target's, a target under another domain, a hyphen for a dot).
ON_TARGET = (
    "pravda.example",
    "www.pravda.example",
    "eurointegration.pravda.example",
    "eurocourier.example",
    "m.eurocourier.example",
)
LOOK_ALIKES = ("notpravda.example", "pravda.example.net", "eurocourier-example.example", "www.pravda.exampl")
OTHERS = tuple(
    f"{name}{n}.example" for name in ("daily", "nachrichten", "vesti", "visnyk") for n in range(18)
)

# Archives every 12 hours from 2024-06-28 20:00 UTC; the period asked for is 2024-06-30 and
# 2024-07-01 (whole UTC days): the archive started on the 29th at 20:00 runs into it, the four
# started in it are read, those before and the one started on 2 July are not.
STARTS = [datetime(2024, 6, 28, 20, 0, 7, tzinfo=timezone.utc) + timedelta(hours=12 * n) for n in range(8)]
SINCE, UNTIL = "2024-06-30", "2024-07-01"
PERIOD = (datetime(2024, 6, 30, tzinfo=timezone.utc), datetime(2024, 7, 2, tzinfo=timezone.utc))
IN_PERIOD = [max(n for n, when in enumerate(STARTS) if when <= PERIOD[0])]
IN_PERIOD += [n for n, when in enumerate(STARTS) if PERIOD[0] < when < PERIOD[1]]
RECORDS_PER_ARCHIVE = 400

# Sentence templates per language, written for this test; slots vary every story.
CITIES = {
    "uk": ["Львові", "Харкові", "Одесі", "Полтаві", "Чернігові", "Ужгороді", "Вінниці", "Рівному"],
    "ru": ["Казани", "Самаре", "Томске", "Иркутске", "Перми", "Омске", "Барнауле", "Тюмени"],
    "en": ["Leeds", "Bristol", "Dundee", "Cardiff", "Norwich", "Galway", "Exeter", "Bangor"],
    "de": ["Kassel", "Bremen", "Leipzig", "Mainz", "Rostock", "Erfurt", "Passau", "Kiel"],
}
NAMES = {
    "uk": ["Олена Мельник", "Тарас Коваленко", "Ірина Бондар", "Андрій Шевчук", "Марія Ткаченко"],
    "ru": ["Ольга Смирнова", "Игорь Волков", "Наталья Морозова", "Сергей Лебедев", "Павел Соколов"],
    "en": ["Alice Hartley", "Owen Price", "Maya Fenwick", "Tom Calloway", "Ruth Abernethy"],
    "de": ["Anna Vogel", "Jonas Brandt", "Lea Hoffmann", "Felix Krüger", "Sabine Roth"],
}
TEMPLATES = {
    "uk": [
        "У {city} міська рада ухвалила рішення виділити {n} мільйонів гривень на ремонт шкіл і лікарень.",
        "За словами {name}, роботи мають завершитися до кінця року, якщо погода не завадить будівельникам.",
        "Мешканці {city} скаржаться, що тролейбуси ходять рідко, а черги на зупинках щоранку довшають.",
        "Фермери з області розповіли, що цьогоріч зібрали на {n} відсотків більше пшениці, ніж торік.",
        "Місцевий музей відкрив виставку старих фотографій, і вже за тиждень її побачили {n} відвідувачів.",
        "{name} наголосила, що громада чекає чесної звітності про кожну витрачену гривню.",
        "Рятувальники попередили про сильний вітер і порадили не залишати автівки під деревами.",
        "Депутати обговорили новий план розвитку набережної, де з'являться велодоріжки й лавки.",
        "Учні місцевої гімназії перемогли у конкурсі з програмування, обійшовши {n} команд.",
        "Уночі в {city} відремонтували міст через річку, тож рух транспорту відновили вже зранку.",
    ],
    "ru": [
        "В {city} городская дума решила выделить {n} миллионов рублей на ремонт дорог и мостов.",
        "По словам {name}, работы должны закончиться осенью, если подрядчик не сорвёт сроки.",
        "Жители {city} жалуются, что автобусы ходят редко, а очереди на остановках становятся длиннее.",
        "Фермеры области рассказали, что в этом году собрали на {n} процентов больше зерна, чем в прошлом.",
        "Местный театр показал новую постановку, и за неделю её посмотрели {n} зрителей.",
        "{name} подчеркнула, что горожане ждут честного отчёта о каждом потраченном рубле.",
        "Спасатели предупредили о сильном ветре и посоветовали не оставлять машины под деревьями.",
        "Депутаты обсудили план развития набережной, где появятся велосипедные дорожки и скамейки.",
        "Школьники из местной гимназии выиграли конкурс по программированию, обойдя {n} команд.",
        "Ночью в {city} отремонтировали мост через реку, и движение транспорта возобновилось утром.",
    ],
    "en": [
        "The council in {city} voted to spend {n} million pounds on repairs to schools and clinics.",
        "According to {name}, the work should be finished by the end of the year if the weather holds.",
        "Residents of {city} say the buses run too rarely and the queues at the stops grow longer.",
        "Farmers in the county said they harvested {n} per cent more wheat this year than last.",
        "The local museum opened an exhibition of old photographs, and {n} visitors came in a week.",
        "{name} said the town expects an honest account of every pound that is spent.",
        "The coastguard warned of strong winds and asked drivers not to park under the trees.",
        "Councillors discussed a new plan for the seafront, with cycle lanes and benches along it.",
        "Pupils from the local grammar school won a coding contest, ahead of {n} other teams.",
        "Overnight the bridge over the river in {city} was repaired, and traffic resumed in the morning.",
    ],
    "de": [
        "Der Stadtrat in {city} hat beschlossen, {n} Millionen Euro für Schulen und Kliniken auszugeben.",
        "Nach Angaben von {name} sollen die Arbeiten bis zum Jahresende abgeschlossen sein.",
        "Die Bewohner von {city} klagen, dass die Busse zu selten fahren und die Schlangen länger werden.",
        "Die Landwirte im Kreis haben in diesem Jahr {n} Prozent mehr Weizen geerntet als im Vorjahr.",
        "Das örtliche Museum zeigt alte Fotografien, und in einer Woche kamen {n} Besucher.",
        "{name} betonte, dass die Bürger eine ehrliche Abrechnung über jeden ausgegebenen Euro erwarten.",
        "Die Feuerwehr warnte vor starkem Wind und riet, keine Autos unter den Bäumen abzustellen.",
        "Der Gemeinderat beriet über einen neuen Plan für das Ufer, mit Radwegen und vielen Bänken.",
        "Schüler des örtlichen Gymnasiums gewannen einen Programmierwettbewerb vor {n} anderen Teams.",
        "In der Nacht wurde die Brücke über den Fluss in {city} repariert, am Morgen rollte der Verkehr.",
    ],
}
HEADLINES = {
    "uk": "Новини громади: {city}, випуск {n}",
    "ru": "Новости города: {city}, выпуск {n}",
    "en": "Town news from {city}, issue {n}",
    "de": "Nachrichten aus {city}, Ausgabe {n}",
}
EARLIER = {"uk": "Читайте також.", "ru": "Читайте также.", "en": "Read more.", "de": "Mehr dazu."}
CREDIT = {"uk": "Джерело: {site}", "ru": "Источник: {site}", "en": "Source: {site}", "de": "Quelle: {site}"}


def paragraphs(rng: random.Random, language: str) -> list[str]:
    """Three paragraphs of two sentences each, six of ``language``'s templates with fresh slots,
    the first ending in a link to an earlier story (as the page prints it)."""
    sentences = [
        template.format(
            city=rng.choice(CITIES[language]), name=rng.choice(NAMES[language]), n=rng.randrange(3, 9000)
        )
        for template in rng.sample(TEMPLATES[language], 6)
    ]
    body = [f"{sentences[i]} {sentences[i + 1]}" for i in range(0, 6, 2)]
    body[0] += " " + EARLIER[language]
    return body


def page(host: str, language: str, title: str, body: list[str], published: str) -> bytes:
    """An article page: the site's header and menu, the headline, the body (its first paragraph
    linking to an earlier story, relatively), the site's credit line, a footer."""
    phrase = EARLIER[language]
    linked = f'{body[0].removesuffix(phrase)}<a href="/news/earlier-story">{phrase}</a>'
    text = "".join(f"<p>{p}</p>" for p in [linked, *body[1:]])
    credit = CREDIT[language].format(site=host)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title} | {host}</title>'
        f'<meta property="article:published_time" content="{published}"></head><body>'
        f'<header><a href="/">{host}</a><nav><a href="/politics">1</a> <a href="/sport">2</a></nav></header>'
        f'<main><article><h1>{title}</h1><div class="article-body">{text}</div>'
        f'<p class="credit">{credit}</p></article></main>'
        f"<footer>© {host}</footer></body></html>"
    ).encode()


def index_page(host: str) -> bytes:
    links = "".join(f'<li><a href="/news/{n}">Story {n}</a></li>' for n in range(12))
    return f"<html><body><header>{host}</header><ul>{links}</ul></body></html>".encode()


@dataclass(frozen=True)
class Record:
    archive: int
    url: str
    ctype: str
    body: bytes
    language: str | None = None  # an article's language; None for other records
    wire: int | None = None  # the wire story an article prints
    paragraphs: tuple[str, ...] = ()  # an article's body


def build(seed: int = 31) -> list[list[Record]]:
    """The records of every archive, in order."""
    rng = random.Random(seed)
    archives: list[list[Record]] = [[] for _ in STARTS]
    # Wire stories: one body each, printed by several sites (targets and others), some copies in
    # one archive, some spread over several.
    wires = [
        (n, language, paragraphs(rng, language)) for n, language in enumerate(["uk", "en", "uk", "en", "ru"])
    ]
    for archive, records in enumerate(archives):
        when = STARTS[archive]
        for i in range(RECORDS_PER_ARCHIVE):
            roll = rng.random()
            host = (
                rng.choice(ON_TARGET)
                if roll < 0.22
                else rng.choice(LOOK_ALIKES)
                if roll < 0.27
                else rng.choice(OTHERS)
            )
            url = f"https://{host}/news/{archive}-{i}"
            published = (when + timedelta(minutes=i)).astimezone(timezone(timedelta(hours=3))).isoformat()
            kind = rng.random()
            if kind < 0.06:
                records.append(Record(archive, url + ".png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)))
            elif kind < 0.09:
                records.append(Record(archive, url + ".json", "application/json", b'{"items": []}'))
            elif kind < 0.12:
                records.append(
                    Record(archive, f"https://{host}/", "text/html; charset=utf-8", index_page(host))
                )
            else:
                language = rng.choice(("uk", "uk", "en", "en", "ru", "de"))
                title = HEADLINES[language].format(city=rng.choice(CITIES[language]), n=i)
                body = paragraphs(rng, language)
                html = page(host, language, title, body, published)
                records.append(
                    Record(archive, url, "text/html; charset=utf-8", html, language, None, tuple(body))
                )
    # The wire copies: story w on sites of archives w .. w + 2, one on a target in each archive
    # where the story runs, others elsewhere; story 0 twice on targets within one archive.
    for w, language, body in wires:
        for k, archive in enumerate(range(w, w + 3)):
            hosts = [ON_TARGET[(w + k) % len(ON_TARGET)], OTHERS[w * 3 + k]] + (
                [ON_TARGET[-1]] if w == 0 else []
            )
            for j, host in enumerate(hosts):
                at = 40 + 97 * j + 31 * k
                title = HEADLINES[language].format(city=CITIES[language][w], n=1000 + 10 * w + k)
                published = (STARTS[archive] + timedelta(minutes=at)).isoformat()
                html = page(host, language, title, body, published)
                url = f"https://{host}/wire/{w}-{k}-{j}"
                copy = Record(archive, url, "text/html; charset=utf-8", html, language, w, tuple(body))
                archives[archive].insert(at, copy)
    return archives


def _name(n: int) -> str:
    return f"CC-NEWS-{STARTS[n]:%Y%m%d%H%M%S}-{n:05d}.warc.gz"


def _folder(n: int) -> str:
    return f"crawl-data/CC-NEWS/{STARTS[n]:%Y/%m}"


def warc_bytes(records: list[Record], date: datetime) -> bytes:
    """A WARC.gz as CC-NEWS writes one: a warcinfo record, then one response record per capture,
    each its own gzip member."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "test"}))
    for record in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", record.ctype)], protocol="HTTP/1.1")
        warc = writer.create_warc_record(
            record.url,
            "response",
            payload=io.BytesIO(record.body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date.strftime("%Y-%m-%dT%H:%M:%SZ")},
        )
        writer.write_record(warc)
        warc.raw_stream.close()
    return out.getvalue()


@pytest.fixture(scope="module")
def archives() -> list[list[Record]]:
    return build()


@pytest.fixture(scope="module")
def site(archives: list[list[Record]]) -> Iterator[Site]:
    """The endpoint, served for the whole module: every job reads the same URLs."""
    site = Site()
    for month in (6, 7):
        site.listing(2024, month, [_name(n) for n in range(len(STARTS)) if STARTS[n].month == month])
    for n, records in enumerate(archives):
        site.files[f"/{_folder(n)}/{_name(n)}"] = warc_bytes(records, STARTS[n] + timedelta(hours=1))
    with serve(site):
        yield site


@dataclass
class Expected:
    counts: dict[str, object]
    kept: list[Record]  # the articles the job keeps, before dedupe, in input order
    copies: dict[int, list[Record]]  # per wire story, its copies among ``kept``, in input order


def expected(archives: list[list[Record]]) -> Expected:
    sites = frozenset(TARGETS)
    skipped = site = language = not_article = 0
    kept: list[Record] = []
    for n in IN_PERIOD:
        for record in archives[n]:
            if not on_sites(record.url, sites):
                site += 1
            elif not record.ctype.startswith("text/html"):
                skipped += 1
            elif record.language is None:
                not_article += 1
            elif record.language not in LANGUAGES:
                language += 1
            else:
                kept.append(record)
    copies: dict[int, list[Record]] = {}
    for record in kept:
        if record.wire is not None:
            copies.setdefault(record.wire, []).append(record)
    duplicate = sum(len(c) - 1 for c in copies.values())
    filtered = {"site": site, "language": language, "duplicate": duplicate}
    counts = {
        "ok": len(kept) - duplicate,
        "not_article": not_article,
        "errors": 0,
        "skipped": skipped,
        "filtered": filtered,
        "total": sum(len(archives[n]) for n in IN_PERIOD),
    }
    return Expected(counts, kept, copies)


def _shell(line: str, timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    began = time.monotonic()
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", line], capture_output=True, text=True, timeout=timeout, env=env
    )
    return done, time.monotonic() - began


def _summary(stderr: str) -> dict[str, object]:
    line = next(x for x in stderr.splitlines() if x.startswith("newsextract: batch: {"))
    return json.loads(line.split("batch: ", 1)[1])


NEWSEXTRACT = f"{shlex.quote(sys.executable)} -m newsextract"


def _listing(site: Site) -> str:
    return f"{NEWSEXTRACT} ccnews --since {SINCE} --until {UNTIL} --base {site.base}"


def test_the_premises_hold(archives: list[list[Record]]) -> None:
    """The period leaves archives out on both sides; the wire copies print one body and the
    distinct stories are no near-duplicates; the mix has every kind of record the job sorts."""
    assert 0 not in IN_PERIOD and len(STARTS) - 1 not in IN_PERIOD and len(IN_PERIOD) == 5
    flat = [r for records in archives for r in records]
    assert len(flat) == len(STARTS) * RECORDS_PER_ARCHIVE + sum(1 for r in flat if r.wire is not None)
    found = expected(archives)
    assert len(found.copies) == 4  # the fifth story is Russian
    assert all(len(copies) >= 2 for copies in found.copies.values())
    assert {r.language for r in flat if r.language} == {"uk", "ru", "en", "de"}
    assert len({r.url.split("/")[2] for r in flat}) > 80
    stories: dict[object, int] = {}
    for record in found.kept:
        fingerprint = simhash("\n".join(record.paragraphs))
        assert fingerprint is not None
        stories.setdefault(record.url if record.wire is None else record.wire, fingerprint)
        if record.wire is not None:  # a copy: its body is the first copy's
            assert fingerprint == stories[record.wire]
    kept = list(stories.values())
    assert all(hamming(a, b) > DISTANCE for i, a in enumerate(kept) for b in kept[i + 1 :])


def _rows(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def _job(
    site: Site, out: Path, *options: str, listing: str = "-"
) -> tuple[subprocess.CompletedProcess[str], float]:
    """The one line: the period's archives listed and piped to batch, as its INPUT list on
    standard input (``-``) or through xargs (``listing="xargs"``); the server's requests are
    those of this job."""
    filters = f"--site {','.join(TARGETS)} --language {','.join(LANGUAGES)}"
    batch = f"batch {filters} {' '.join(options)} -o {out} --quiet"
    if listing == "xargs":
        line = f"{_listing(site)} | xargs {NEWSEXTRACT} {batch}"
    else:
        line = f"{_listing(site)} | {NEWSEXTRACT} {batch} -"
    site.requests.clear()
    return _shell(line)


@dataclass
class Run:
    summary: dict[str, object]
    seconds: float
    warcs: list[str]  # the archives requested, in order
    listings: list[str]  # the monthly listings requested
    out: Path


@pytest.fixture(scope="module")
def local_job(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The job on this machine, two workers: an archive per worker, their lines interleaved."""
    out = tmp_path_factory.mktemp("local") / "out.parquet"
    done, seconds = _job(site, out, "--dedupe", "--workers", "2")
    assert done.returncode == 0, done.stderr
    warcs = [path for path, _ in site.requests if path.endswith(".warc.gz")]
    listings = [path for path, _ in site.requests if path.endswith("warc.paths.gz")]
    return Run(_summary(done.stderr), seconds, warcs, listings, out)


def _wire(records: list[Record], url: str) -> int | None:
    return next((r.wire for r in records if r.url == url), None)


def test_one_line_lists_the_period_filters_extracts_dedupes_into_parquet(
    archives: list[list[Record]], local_job: Run
) -> None:
    want = expected(archives)
    print(f"local job, 2 workers: {local_job.seconds:.1f} s")
    # both months' listings, and exactly the archives of the period, each once (no connection broke)
    assert local_job.listings == [f"/{_folder(n)}/warc.paths.gz" for n in (0, len(STARTS) - 1)]
    assert sorted(local_job.warcs) == sorted(f"/{_folder(n)}/{_name(n)}" for n in IN_PERIOD)
    # every record a row or a counted skip, by reason; the counts add up to the archives' records
    assert local_job.summary == want.counts
    rows = _rows(local_job.out)
    assert len(rows) == want.counts["ok"] + want.counts["not_article"]
    assert {"links", "fingerprint", "source"} <= set(rows[0])
    failed = [r for r in rows if r["error_kind"] is not None]
    assert {r["error_kind"] for r in failed} == {"NotAnArticleError"}
    records = [r for r in rows if r["error_kind"] is None]
    # only the sites and languages asked for
    assert all(on_sites(r["url"], frozenset(TARGETS)) and r["language"] in LANGUAGES for r in records)
    assert {r["url"].split("/")[2] for r in records} == set(ON_TARGET)  # subdomains too
    assert all(len(r["fingerprint"]) == 16 for r in records)
    assert all(
        r["links"][0]["url"] == f"https://{r['url'].split('/')[2]}/news/earlier-story" for r in records
    )
    # each wire story once; every other kept article once
    by_url = {r.url: r for r in want.kept}
    assert {r["url"] for r in records} <= set(by_url)
    wires = sorted(w for r in records if (w := by_url[r["url"]].wire) is not None)
    assert wires == sorted(want.copies)
    assert len(records) - len(wires) == sum(1 for r in want.kept if r.wire is None)


def test_mark_keeps_the_copies_naming_the_first_one_written(
    archives: list[list[Record]], site: Site, tmp_path: Path
) -> None:
    """--dedupe=mark (JSONL): every copy is a line; the first one written of each wire story has
    no ``duplicate_of``, the later ones name its source. Archives read side by side interleave,
    so across archives the first written is the first to arrive; within an archive it is the
    earliest record."""
    want = expected(archives)
    out = tmp_path / "out.jsonl"
    done, _ = _job(site, out, "--dedupe=mark", "--workers", "2")
    assert done.returncode == 0, done.stderr
    duplicates = want.counts["filtered"]["duplicate"]  # type: ignore[index]
    summary = _summary(done.stderr)
    assert summary["marked"] == duplicates and "duplicate" not in summary["filtered"]
    assert summary["ok"] == want.counts["ok"] + duplicates and summary["total"] == want.counts["total"]
    lines = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
    for copies in want.copies.values():
        written = [line for line in lines if line.get("url") in {c.url for c in copies}]
        assert len(written) == len(copies)
        first, later = written[0], written[1:]
        assert "duplicate_of" not in first
        assert [line["duplicate_of"] for line in later] == [first["source"]] * len(later)
        for archive in {line["source"]["file"] for line in written}:  # in one archive: its order
            offsets = [line["source"]["offset"] for line in written if line["source"]["file"] == archive]
            assert offsets == sorted(offsets)
    assert sum("duplicate_of" in line for line in lines) == duplicates


def test_the_same_line_on_dask_writes_the_records_of_one_local_worker(
    archives: list[list[Record]], site: Site, local_job: Run, tmp_path: Path
) -> None:
    """The guarantee: on Dask (one task per archive, the parts joined and deduplicated in input
    order by the client) the output is the local engine's with one worker, row for row, and its
    counts any local run's. With several local workers the archives interleave: the same
    records, in another order, and of a story syndicated across archives the copy kept may be
    another (the first to arrive); one copy of each story either way."""
    distributed = pytest.importorskip("distributed")
    want = expected(archives)
    one = tmp_path / "one.parquet"
    on_dask = tmp_path / "dask.parquet"
    done, local_seconds = _job(site, one, "--dedupe", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert _summary(done.stderr) == want.counts
    # The dashboard on a free port: the default one (8787) is taken by any other cluster running
    # on this machine, and the warning that says so fails the test.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        done, dask_seconds = _job(
            site, on_dask, "--dedupe", "--engine", "dask", "--scheduler", address, listing="xargs"
        )
    assert done.returncode == 0, done.stderr
    print(f"local job, 1 worker: {local_seconds:.1f} s; on dask (2 workers): {dask_seconds:.1f} s")
    assert _summary(done.stderr) == want.counts
    warcs = sorted(path for path, _ in site.requests if path.endswith(".warc.gz"))
    assert warcs == sorted(f"/{_folder(n)}/{_name(n)}" for n in IN_PERIOD)
    rows = _rows(on_dask)
    assert rows == _rows(one)
    flat = [r for records in archives for r in records]
    kept = [_wire(flat, r["url"]) for r in rows if r["error_kind"] is None]
    first_copies = {copies[0].url for copies in want.copies.values()}  # in input order
    assert {r["url"] for r in rows if r["url"] and _wire(flat, r["url"]) is not None} == first_copies
    assert sorted(w for w in kept if w is not None) == sorted(want.copies)

    def story(row: dict) -> object:
        wire = _wire(flat, row["url"]) if row["url"] else None
        return wire if wire is not None else json.dumps(row, sort_keys=True)

    parallel = _rows(local_job.out)
    assert sorted(map(str, map(story, parallel))) == sorted(map(str, map(story, rows)))


def test_an_empty_input_list_on_standard_input_is_a_usage_error(tmp_path: Path) -> None:
    done, _ = _shell(f"printf '\\n# none\\n' | {NEWSEXTRACT} batch - -o {tmp_path / 'out.parquet'} --quiet")
    assert done.returncode == 2 and "standard input" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.parquet").exists()


def test_dedupe_on_dask_refuses_the_formats_it_cannot_write_before_any_cluster(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    done, _ = _shell(
        f"echo http://127.0.0.1:9/CC-NEWS-20240630080007-00003.warc.gz | {NEWSEXTRACT} batch - "
        f"--engine dask --dedupe -o {out} --format markdown --quiet"
    )
    assert done.returncode == 2 and "JSONL or Parquet" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
