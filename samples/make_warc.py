#!/usr/bin/env python3
# ruff: noqa: E501  (long lines are HTML sample text)
"""Build samples/corpus/warc/crawl.warc.gz for the newsint demo.

FICTIONAL SAMPLE DATA written for the newsint project: every page, outlet,
person, place and event below is invented. Nothing here describes real events.

The output is deterministic: WARC-Date values and WARC-Record-IDs are fixed,
and warcio's gzip members carry no timestamp, so re-running this script
reproduces the same bytes (for the same warcio version).

Usage:
    python samples/make_warc.py            # writes samples/corpus/warc/crawl.warc.gz
    python samples/make_warc.py OUT.warc.gz

Requires: warcio (pip install warcio).
"""

import sys
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "corpus" / "warc" / "crawl.warc.gz"
MARKER = "<!-- FICTIONAL SAMPLE DATA written for the newsint project: no real events, people or outlets. -->"


def rec_id(name: str) -> str:
    """A fixed, reproducible WARC-Record-ID."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'newsint-sample/' + name)}>"


# --------------------------------------------------------------------------
# Page 1: Karsk Daily (English edition), Kestrian-leaning framing.
# --------------------------------------------------------------------------
KARSK_URL = "https://www.karskdaily.example/en/news/2025/04/19/second-convoy-held-seren-bridge"
KARSK_HTML = """<!DOCTYPE html>
@MARKER@
<html lang="en">
<head>
<meta charset="utf-8">
<title>Second aid convoy held at Seren bridge after drone incursion | Karsk Daily</title>
<meta name="author" content="Lena Harkov">
<meta property="og:title" content="Second aid convoy held at Seren bridge after drone incursion">
<meta property="og:site_name" content="Karsk Daily">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2025-04-19T10:30:00Z">
<link rel="canonical" href="@URL@">
</head>
<body>
<nav class="topbar"><a href="/en/">Home</a> <a href="/en/news">News</a> <a href="/en/region">Region</a> <a href="/en/defence">Defence</a> <a href="/en/sport">Sport</a> <a href="/en/subscribe" class="btn">Subscribe now</a></nav>
<header><div class="logo">KARSK DAILY &middot; English edition</div></header>
<main>
<article class="news">
<h1>Second aid convoy held at Seren bridge after drone incursion</h1>
<p class="byline">By Lena Harkov &mdash; 19 April 2025, 12:30</p>
<figure><img src="/media/2025/04/seren-checkpoint.jpg" alt="Trucks parked at a checkpoint">
<figcaption>Aid trucks wait at the eastern checkpoint of the Seren bridge on Saturday. (Photo: Karsk Daily)</figcaption></figure>
<p>A second humanitarian convoy bound for Dunmere was held at the eastern end of the Seren bridge on Saturday after Kestrian officers reported a Morvanian drone flying over the crossing, the army said.</p>
<p>Colonel Piet Ransky, the military spokesman, said the 18 trucks would be allowed to continue "as soon as the bridge is confirmed safe" and accused Tessel of "using the corridor as cover for reconnaissance". He said the drone had been tracked for several minutes before it turned back west.</p>
<p class="ad">Advertisement</p>
<p>Morvania's defence ministry denied that any of its drones had been airborne. Ceasefire monitors from the Concord mission said they had not seen a drone themselves but could not rule one out.</p>
<p>The Varn Relief Coalition said the convoy, carrying flour, fuel and medical supplies, was now expected to cross on Monday. A coalition official, who declined to be named, said drivers had been told to stay with their vehicles overnight.</p>
<p>The incident comes a day after monitors published a preliminary report on Tuesday's explosions in the Millgate district of Dunmere, which Defence Minister Oskar Brandt-Veyl has described as premature. Parliament is due to debate ratification of the Pellan ceasefire on Wednesday.</p>
</article>
<aside><h2>Related stories</h2><ul>
<li><a href="/en/news/2025/04/17/ministry-rejects-dunmere-toll">Ministry rejects Dunmere casualty claims</a></li>
<li><a href="/en/defence/2025/04/16/ransky-units-disciplined">Ransky: "Our units are disciplined and under control"</a></li>
</ul></aside>
</main>
<footer><p>&copy; 2025 Karsk Daily Publishing. All rights reserved.</p><p>We use cookies. <a href="/en/cookies">Cookie settings</a></p></footer>
</body>
</html>
""".replace("@MARKER@", MARKER).replace("@URL@", KARSK_URL)

# --------------------------------------------------------------------------
# Page 2: Varn Valley Courier, local human-interest story.
# --------------------------------------------------------------------------
COURIER_URL = "https://www.varnvalleycourier.example/2025/04/19/dunmere-basement-classrooms"
COURIER_HTML = """<!doctype html>
@MARKER@
<html lang="en">
<head>
<meta charset="utf-8">
<title>Dunmere children return to school - in a basement - Varn Valley Courier</title>
<meta name="author" content="Ida Brennic">
<meta property="og:title" content="Dunmere children return to school, in a basement">
<meta property="og:site_name" content="Varn Valley Courier">
<meta property="article:published_time" content="2025-04-19T07:00:00Z">
</head>
<body>
<div class="cookie">We use cookies to personalise content. <button>OK</button></div>
<header class="masthead"><a href="/">Varn Valley Courier</a>
<nav><ul><li><a href="/local">Local</a></li><li><a href="/dunmere">Dunmere</a></li><li><a href="/farming">Farming</a></li><li><a href="/notices">Notices</a></li></ul></nav></header>
<div id="content">
<article>
<h1>Dunmere children return to school - in a basement</h1>
<div class="byline">Ida Brennic, Dunmere &middot; <time datetime="2025-04-19T07:00:00Z">Saturday 19 April 2025</time></div>
<figure><img src="/img/2025/04/basement-classroom.jpg" alt="Children at desks under strip lights">
<figcaption>Pupils at a basement classroom under School No. 4 in Dunmere. (Photo: Ida Brennic / Varn Valley Courier)</figcaption></figure>
<p>For the first time since February, about 120 children in Dunmere went back to lessons this week - not in their classrooms, which have no glass left in the windows, but in the basement of School No. 4 on Linden Street.</p>
<p>Teachers carried down desks, a whiteboard and a bookcase. Lessons run from 9 a.m. to noon, in three shifts, so that no more than 40 children are underground at once.</p>
<p>"The children asked for it," said head teacher Agnieszka Torvald. "They are tired of sitting at home listening for shells. Here they listen to fractions instead."</p>
<p>The town council said it hoped to open two more basement schools if the Pellan ceasefire held through the end of the month. Officials estimate there are still about 3,000 school-age children in the town, a figure the Courier could not verify.</p>
<p>Parents remain cautious. One mother, who gave only her first name, Renata, said she walked her son to school and waited outside for three hours. "I believe in the ceasefire the way I believe in the weather forecast," she said.</p>
</article>
<div class="promo">Sign up for the Courier's weekly Dunmere newsletter</div>
<aside class="related"><h3>Related stories</h3>
<a href="/2025/04/17/aid-trucks-roll-into-dunmere">Aid trucks roll into Dunmere as ceasefire corridor opens</a><br>
<a href="/2025/04/12/pellan-ceasefire-signed">Ceasefire signed in Pellan after three days of talks</a></aside>
</div>
<footer>Varn Valley Courier &middot; &copy; 2025 Courier Community Media &middot; <a href="/privacy">Privacy and cookies</a></footer>
</body>
</html>
""".replace("@MARKER@", MARKER)

# --------------------------------------------------------------------------
# Page 3: Pellan Observer interview. Served WITHOUT a charset in the HTTP
# Content-Type header; only <meta charset> says UTF-8 (a common real mess).
# --------------------------------------------------------------------------
OBSERVER_URL = "https://www.pellanobserver.example/varn-crisis/2025/04/19/quell-interview-ceasefire-holding"
OBSERVER_HTML = """<!DOCTYPE html>
@MARKER@
<html lang="en">
<head>
<meta charset="utf-8">
<title>Envoy Quell: \u2018The ceasefire is holding, but only just\u2019 \u2013 Pellan Observer</title>
<meta name="author" content="Samir Okonjo-Hale">
<meta property="og:title" content="Envoy Quell: \u2018The ceasefire is holding, but only just\u2019">
<meta property="og:site_name" content="Pellan Observer">
<meta property="article:published_time" content="2025-04-19T18:45:00+02:00">
</head>
<body>
<a href="#main" class="skip">Skip to content</a>
<header><a class="brand" href="/">Pellan Observer</a>
<nav><a href="/">Home</a> &middot; <a href="/world">World</a> &middot; <a href="/varn-crisis">The Varn Crisis</a> &middot; <a href="/city">City</a> &middot; <a href="/subscribe">Subscribe now</a></nav></header>
<main id="main">
<article>
<h1>Envoy Quell: \u2018The ceasefire is holding, but only just\u2019</h1>
<p class="byline">Interview by Samir Okonjo-Hale \u2014 19 April 2025</p>
<figure><img src="/photos/quell-city-hall.jpg" alt="Amara Quell at a lectern">
<figcaption>Concord envoy Amara Quell at Pellan city hall on 12 April. (Photo: Pellan Observer)</figcaption></figure>
<p>A week after she persuaded Morvania and Kestria to sign a ceasefire in the Pellan city hall, Amara Quell describes the truce as \u201cholding, but only just\u201d.</p>
<p>\u201cEvery day without heavy fighting along the Varn is a day that seemed impossible a month ago,\u201d the Concord envoy told the Observer in her office overlooking the harbour. \u201cBut I would be lying if I said I slept well.\u201d</p>
<p>Quell declined to say which side she believed was responsible for Tuesday\u2019s shelling in Dunmere\u2019s Millgate district, saying that was \u201ca question for the monitors, not for the mediator\u201d. She acknowledged, however, that the mission\u2019s lack of access to Halden Ridge was \u201cthe single biggest weakness\u201d of the agreement.</p>
<p>Asked whether prisoner-exchange talks due to begin on Sunday could collapse, she said it was a realistic possibility. \u201cBoth delegations are under pressure at home. Compromise is being described in both capitals as surrender.\u201d</p>
<p>She said she would measure success modestly. \u201cIf in a month the bridge is open every morning and the hospital in Dunmere has electricity, I will call that progress. Peace is a different conversation.\u201d</p>
</article>
<aside><h2>Related stories</h2><ul>
<li><a href="/varn-crisis/2025/04/17/first-aid-convoy-dunmere">First aid convoy in nine weeks reaches besieged Dunmere</a></li>
<li><a href="/city/2025/04/13/pellan-hosts-talks">How Pellan became the Varn\u2019s neutral ground</a></li></ul></aside>
<div class="newsletter">Sign up for our morning briefing</div>
</main>
<footer><p>The Pellan Observer is an independent daily newspaper published in the Free City of Pellan.</p>
<p>\u00a9 2025 Pellan Observer. Cookies help us deliver our services. <a href="/cookies">Learn more</a></p></footer>
</body>
</html>
""".replace("@MARKER@", MARKER)


PAGES = [
    # (name, url, html, content-type, http date, warc date, ip)
    (
        "karsk",
        KARSK_URL,
        KARSK_HTML,
        "text/html; charset=utf-8",
        "Sat, 19 Apr 2025 12:00:00 GMT",
        "2025-04-19T12:00:00Z",
        "192.0.2.21",
    ),
    (
        "courier",
        COURIER_URL,
        COURIER_HTML,
        "text/html; charset=UTF-8",
        "Sat, 19 Apr 2025 12:00:04 GMT",
        "2025-04-19T12:00:04Z",
        "192.0.2.35",
    ),
    (
        "observer",
        OBSERVER_URL,
        OBSERVER_HTML,
        "text/html",
        "Sat, 19 Apr 2025 17:00:09 GMT",
        "2025-04-19T17:00:09Z",
        "198.51.100.7",
    ),
]


def build(out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")

        # warcinfo (built by hand so that its date and id are fixed too)
        info = (
            b"software: newsint samples/make_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: FICTIONAL SAMPLE DATA written for the newsint project; "
            b"no real events, people or outlets.\r\n"
            b"isPartOf: newsint-demo-crawl\r\n"
            b"robots: obey\r\n"
            b"http-header-user-agent: newsint-sample-crawler/0.1\r\n"
        )
        info_headers = StatusAndHeaders(
            "",
            [
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", rec_id("warcinfo")),
                ("WARC-Filename", out_path.name),
                ("WARC-Date", "2025-04-19T12:00:00Z"),
            ],
            protocol="WARC/1.0",
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_headers=info_headers,
                warc_content_type="application/warc-fields",
            )
        )

        for i, (name, url, html, ctype, http_date, warc_date, ip) in enumerate(PAGES):
            body = html.encode("utf-8")
            resp_id = rec_id(name + "/response")

            if i == 0:  # one request record, as real crawls have
                path = url.split("/", 3)[3]
                host = url.split("/")[2]
                req_headers = StatusAndHeaders(
                    f"GET /{path} HTTP/1.1",
                    [
                        ("Host", host),
                        ("User-Agent", "newsint-sample-crawler/0.1"),
                        ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                        ("Accept-Language", "en"),
                        ("Connection", "close"),
                    ],
                    protocol="HTTP/1.1",
                    is_http_request=True,
                )
                writer.write_record(
                    writer.create_warc_record(
                        url,
                        "request",
                        payload=BytesIO(b""),
                        length=0,
                        http_headers=req_headers,
                        warc_headers_dict={
                            "WARC-Record-ID": rec_id(name + "/request"),
                            "WARC-Date": warc_date,
                            "WARC-Concurrent-To": resp_id,
                            "WARC-IP-Address": ip,
                            "WARC-Warcinfo-ID": rec_id("warcinfo"),
                        },
                    )
                )

            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", http_date),
                    ("Server", "nginx"),
                    ("Content-Type", ctype),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "max-age=60"),
                    ("Connection", "close"),
                ],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(body),
                    length=len(body),
                    http_headers=http_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": resp_id,
                        "WARC-Date": warc_date,
                        "WARC-IP-Address": ip,
                        "WARC-Warcinfo-ID": rec_id("warcinfo"),
                    },
                )
            )


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
