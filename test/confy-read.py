#!/usr/bin/python3
# Loads a schedule.xml with confy's own importer (Debian package `confy`, run by Debian's
# python3, which has its gi bindings) into a fresh confy database, as the app does when it
# fetches a schedule, then reads it back through confy's models. Prints JSON, or exits 1 with
# confy's error on stderr. Only the app's window is left out.
# usage: /usr/bin/python3 test/confy-read.py SCHEDULE.xml DATABASE.sqlite
import builtins
import contextlib
import json
import sqlite3
import sys

import gi

gi.require_version('Handy', '1')
builtins._ = lambda s: s  # confy's gettext hook, installed by its main module

from confy import local  # noqa: E402
from confy.models import Meta  # noqa: E402
from confy.remotes.pentabarf import import_pentabarf  # noqa: E402

xml_path, db_path = sys.argv[1], sys.argv[2]
# What local.opendb does, without the cache directory and the download.
local.db = sqlite3.connect(db_path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
local.db.row_factory = sqlite3.Row
with contextlib.redirect_stdout(sys.stderr):  # confy prints its migrations
    local.migrate()
    with open(xml_path, 'r') as f:
        import_pentabarf(f.read(), 'file://' + xml_path)

meta = Meta()
fmt = lambda d: d.isoformat() if d is not None else None  # noqa: E731
out = {
    'title': meta.title,
    'start': fmt(meta.start),
    'end': fmt(meta.end),
    'venue': meta.venue,
    'city': meta.city,
    'events': [
        {
            'id': r['id'],
            'date': fmt(r['date']),
            'start': fmt(r['start']),
            'end': fmt(r['end']),
            'room': r['room'],
            'title': r['title'],
            'persons': [p['name'] for p in local.db.execute(
                'SELECT persons.name FROM persons JOIN event_person ON event_person.person_id = persons.id WHERE event_person.event_id = ? ORDER BY persons.name',
                (r['id'],))],
        }
        for r in local.db.execute('SELECT * FROM events ORDER BY start, id')
    ],
}
print(json.dumps(out))
