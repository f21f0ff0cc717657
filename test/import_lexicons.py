#!/usr/bin/env python3
"""Copy the permissively licensed lexicons from ../shared/lexicons into
data/lexicons/*.txt (one entry per line, sorted, de-duplicated). Run by hand
when the upstream lists change; the build reads only data/lexicons."""
import json, os, sys
src = sys.argv[1] if len(sys.argv) > 1 else '../shared/lexicons'
dst = 'data/lexicons'
def js(path, key):
    return json.load(open(os.path.join(src, 'corpora', path)))[key]
def lines(path):
    return [l.strip() for l in open(os.path.join(src, path), encoding='utf-8') if l.strip()]
def write(name, items):
    items = sorted({i.strip() for i in items if i and i.strip()})
    with open(os.path.join(dst, name), 'w', encoding='utf-8') as f:
        f.write('\n'.join(items) + '\n')
write('speech_verbs.txt', lines('ggt/quote_verb_list.txt'))                       # MIT
write('first_names_male.txt', lines('first_names/male.txt'))                      # Apache-2.0
write('first_names_female.txt', lines('first_names/female.txt'))                  # Apache-2.0
hon = js('humans/englishHonorifics.json', 'englishHonorifics') + js('humans/prefixes.json', 'prefixes')
write('honorifics.txt', [h.rstrip('.') for h in hon if ' ' not in h.strip()])     # CC0
write('occupations.txt', js('humans/occupations.json', 'occupations'))            # CC0
write('countries.txt', js('geography/countries.json', 'countries')
      + [c['name'] for c in js('geography/countries_with_capitals.json', 'countries')])
write('capitals.txt', [c['capital'] for c in js('geography/countries_with_capitals.json', 'countries') if c.get('capital')])
write('us_cities.txt', [c['city'] for c in js('geography/us_cities.json', 'cities')]
      + [c['state'] for c in js('geography/us_cities.json', 'cities')])
write('nationalities.txt', js('geography/nationalities.json', 'nationalities'))
write('organizations.txt', js('corporations/fortune500.json', 'companies')
      + [c['name'] for c in js('corporations/nasdaq.json', 'corporations')]
      + js('corporations/newspapers.json', 'newspapers')
      + js('governments/us_federal_agencies.json', 'agencies'))
