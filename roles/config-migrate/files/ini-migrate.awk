# awk -v rules='…' -f ini-migrate.awk FILE — rewrites an OpenStack INI or paste file by OPENSTACK.md §7's
# rules (roles/common/defaults config_rows, rendered by templates/rules.j2 as lines of
# tab-separated fields, "\n" and "\t" escaped, which awk -v turns back into newlines and tabs):
#   move    SECTION KEY TO_SECTION TO_KEY   option moves (the new spelling wins if both exist)
#   remove  SECTION KEY                     option deleted
#   also    SECTION KEY TO_SECTION ADD VALUE  when KEY moves, ADD = VALUE joins it (unless set there)
#   value   SECTION KEY FROM TO             a value replaced (SECTION "*": any section)
#   item    SECTION KEY FROM TO             an item of a comma-separated value replaced
#   unset   SECTION KEY VALUE               KEY = VALUE added where the file (after the moves) has no KEY
#   pattern TEXT                            a BREAK pattern; paste entries are rewritten below
# Everything else — the site's values, comments, hand edits, order — is kept.
BEGIN {
  nr = split(rules, R, "\n")
  for (j = 1; j <= nr; j++) {
    split(R[j], f, "\t")
    if (f[1] == "move") mv[f[2] SUBSEP f[3]] = f[4] SUBSEP f[5]
    else if (f[1] == "remove") rm[f[2] SUBSEP f[3]] = 1
    else if (f[1] == "value") val[f[2] SUBSEP f[3] SUBSEP f[4]] = f[5]
    else if (f[1] == "item") itm[f[2] SUBSEP f[3] SUBSEP f[4]] = f[5]
    else if (f[1] == "also") also[f[2] SUBSEP f[3]] = also[f[2] SUBSEP f[3]] f[4] SUBSEP f[5] SUBSEP f[6] "\n"
    else if (f[1] == "unset") unset[f[2] SUBSEP f[3]] = f[4]
  }
}
{ lines[++n] = $0 }
END {
  # pass 1: sections, options, and which new options exist already
  sec = "DEFAULT"
  for (i = 1; i <= n; i++) {
    l = lines[i]
    if (l ~ /^[ \t]*\[[^]]+\][ \t]*$/) { sec = l; gsub(/^[ \t]*\[|\][ \t]*$/, "", sec); secof[i] = sec; header[sec] = i; last[sec] = i; continue }
    secof[i] = sec
    if (l ~ /^[ \t]*[#;]/ || l !~ /=/) { if (l !~ /^[ \t]*$/) last[sec] = i; continue }
    k = l; sub(/[ \t]*=.*/, "", k); sub(/^[ \t]*/, "", k)
    keyof[i] = k; have[sec SUBSEP k] = 1; last[sec] = i
  }
  # pass 2: decide each line's fate
  for (i = 1; i <= n; i++) {
    k = keyof[i]; s = secof[i]
    if (s ~ /^filter:xml_body/) { drop[i] = 1; continue }
    if (k == "") { out[i] = lines[i]; continue }
    v = lines[i]; sub(/^[^=]*=[ \t]*/, "", v)
    if ((s SUBSEP k) in rm) { drop[i] = 1; continue }
    if ((s SUBSEP k) in mv) {
      split(mv[s SUBSEP k], t, SUBSEP)
      drop[i] = 1
      add(t[1], t[2], mapped(t[1], t[2], v))
      na = split(also[s SUBSEP k], al, "\n")
      for (j = 1; j < na; j++) { split(al[j], a, SUBSEP); add(a[1], a[2], a[3]) }
      continue
    }
    w = mapped(s, k, v)
    if (w != v) lines[i] = k " = " w
    out[i] = lines[i]
  }
  for (key in unset) {
    split(key, p, SUBSEP)
    if (!(key in have)) add(p[1], p[2], unset[key])
  }
  # pass 3: print, appending moved options at the end of their section (new sections at the end)
  for (i = 1; i <= n; i++) {
    if (!(i in drop)) print paste(lines[i])
    s = secof[i]
    if (i == last[s] && (s in adds)) { printf "%s", adds[s]; delete adds[s] }
  }
  for (s in adds) { printf "\n[%s]\n%s", s, adds[s] }
}
function add(sec, k, v) {
  if ((sec SUBSEP k) in have) return
  adds[sec] = adds[sec] k " = " v "\n"; have[sec SUBSEP k] = 1
}
# A value after the value and item rules of its (new) section and key.
function mapped(sec, k, v,    key, p, n, it, j, out, hits) {
  for (key in val) {
    split(key, p, SUBSEP)
    if ((p[1] == sec || p[1] == "*") && p[2] == k && p[3] == v) return val[key]
  }
  n = split(v, it, /[ \t]*,[ \t]*/)
  out = ""; hits = 0
  for (j = 1; j <= n; j++) {
    if ((sec SUBSEP k SUBSEP it[j]) in itm) { it[j] = itm[sec SUBSEP k SUBSEP it[j]]; hits++ }
    out = out (j > 1 ? "," : "") it[j]
  }
  return hits ? out : v
}
# Paste pipelines (rows P1-P4): Juno's in-tree middleware → oslo.middleware; keystone's XML
# filters leave the pipelines (their [filter:xml_body*] sections are dropped with the lines).
function paste(l) {
  sub(/[a-z]+\.openstack\.common\.middleware\.request_id:RequestIdMiddleware\.factory/, "oslo_middleware:RequestId.factory", l)
  sub(/[a-z]+\.openstack\.common\.middleware\.catch_errors:CatchErrorsMiddleware\.factory/, "oslo_middleware:CatchErrors.factory", l)
  if (l ~ /^[ \t]*pipeline[ \t]*=/) gsub(/[ \t]xml_body(_v2|_v3)?/, "", l)
  return l
}
