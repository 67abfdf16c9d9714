# Records difflib.unified_diff on seeded random line lists (some over 200 lines, to exercise the
# autojunk rule) into test/fixtures/difflib.json, for src/output/unified-diff.test.ts.
# Usage: python3 scripts/record-difflib.py
import difflib, hashlib, json, random, sys
rng = random.Random(7)
cases = []
for n in range(300):
    size = rng.choice([0, 1, 3, 8, 20, 60, 250])
    alphabet = [f'line {i}\n' for i in range(rng.choice([2, 5, 30, 400]))] + ['\n', 'x = 1\n', '[DEFAULT]\n']
    a = [rng.choice(alphabet) for _ in range(size)]
    b = list(a)
    for _ in range(rng.randint(0, 6)):
        op = rng.choice(['ins', 'del', 'rep'])
        p = rng.randint(0, len(b))
        if op == 'ins': b[p:p] = [rng.choice(alphabet) for _ in range(rng.randint(1, 4))]
        elif op == 'del': del b[p:p + rng.randint(1, 4)]
        else: b[p:p + 1] = [rng.choice(alphabet)]
    cases.append({'a': a, 'b': b, 'diff': list(difflib.unified_diff(a, b, 'before: f', 'after: f', n=3))})
body = json.dumps(cases, sort_keys=True)
json.dump({'recorded_with': f'python {sys.version.split()[0]} difflib', 'sha256': hashlib.sha256(json.dumps([[c['a'], c['b']] for c in cases]).encode()).hexdigest(), 'cases': cases}, open('test/fixtures/difflib.json', 'w'))
print(len(cases), 'cases')
