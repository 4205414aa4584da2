# Tables (mode=markdown) or a bar chart (mode=svg) from the raw runs bench/load.sh records, a tab-separated file:
#   round kind config rps p50_us p99_us measured seeds cmds_per_req bytes_per_req commands
# kind: plain, read, write, list, write100; config: none, typed/memory, aspnet/memory, typed/redis, aspnet/redis;
# cmds_per_req, bytes_per_req, commands: "-" without Redis; commands is name:per-request,... .
# Figures are medians over rounds; a ratio is the median over rounds of the ratio of two runs of the same round.
# A second input, named by the variable profile, comes first: what MONITOR saw per request, sent one at a time
#   config kind commands-sent-per-request commands-run-in-scripts-per-request sent-by-name (name:count,...)
# Variables: mode (markdown, svg, smoke), settings, machine, smoke, profile. POSIX awk (mawk, gawk, busybox).

BEGIN {
  nk = split("plain read write list write100", kinds, " ")
  label["plain"] = "plain: session unused"
  label["read"] = "read-only"
  label["write"] = "write one key"
  label["list"] = "change a list in place"
  label["write100"] = "write one key of a 105-key session"
  # the no-session app seeds nothing, so a write on a wide session has the plain write as its baseline
  base["plain"] = "plain"; base["read"] = "read"; base["write"] = "write"; base["list"] = "list"; base["write100"] = "write"
}

# the MONITOR profile: config kind sent-per-request script-per-request sent-by-name
FILENAME == profile {
  sent[$1, $2] = $3; scripted[$1, $2] = $4; sentnames[$1, $2] = $5
  next
}

FNR == 1 { next }

{
  r = $1; k = $2; c = $3
  rows[++nrows] = sprintf("| %s | %s | %.0f | %.2f | %d | %s | %s |", k, c, $4, $6 / 1000, $7, $9, $10)
  rounds[r] = 1
  rps[r, k, c] = $4
  n = ++count[k, c]
  val["rps", k, c, n] = $4
  val["p99", k, c, n] = $6
  val["cmd", k, c, n] = $9
  val["byt", k, c, n] = $10
  if ($11 != "-" && $11 != "") {
    m = split($11, parts, ",")
    for (i = 1; i <= m; i++) {
      split(parts[i], kv, ":")
      if (!((k, c, kv[1]) in cmdname)) { cmdname[k, c, kv[1]] = 1; cmdlist[k, c] = cmdlist[k, c] " " kv[1] }
      per[k, c, kv[1], n] = kv[2]
    }
  }
}

function med(vals, n,    i, j, t, a) {
  if (n == 0) return ""
  for (i = 1; i <= n; i++) a[i] = vals[i]
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function stat(col, k, c,    n, i, x, tmp) {
  n = 0
  for (i = 1; i <= count[k, c]; i++) {
    x = val[col, k, c, i]
    if (x != "-" && x != "") tmp[++n] = x + 0
  }
  return med(tmp, n)
}

# median over rounds of rps(k, a) / rps(kb, b)
function ratio(k, a, kb, b,    n, r, tmp) {
  n = 0
  for (r in rounds)
    if (((r, k, a) in rps) && ((r, kb, b) in rps) && rps[r, kb, b] > 0) tmp[++n] = rps[r, k, a] / rps[r, kb, b]
  return med(tmp, n)
}

function vs_none(k, c) { return ratio(k, c, base[k], "none") }

function f_rps(x) { return x == "" ? "–" : sprintf("%.0f", x) }
function f_ratio(x) { return x == "" ? "–" : sprintf("%.2f×", x) }
function f_ms(us) { return us == "" ? "–" : sprintf("%.2f", us / 1000) }
function f_cmd(x) { return x == "" ? "–" : sprintf("%.2f", x) }
function f_byt(x) { return x == "" ? "–" : sprintf("%.0f", x) }

function breakdown(k, c,    n, names, i, j, v, s, tmp, t) {
  if (!((k, c) in cmdlist)) return "–"
  n = split(substr(cmdlist[k, c], 2), names, " ")
  s = ""
  for (i = 1; i <= n; i++) {
    for (j = 1; j <= count[k, c]; j++) tmp[j] = ((k, c, names[i], j) in per) ? per[k, c, names[i], j] + 0 : 0
    v = med(tmp, count[k, c])
    s = s (s == "" ? "" : ", ") toupper(names[i]) " " sprintf("%.2f", v)
  }
  return s
}

function markdown(    i, k) {
  print "# Load test: TypedSessions, ASP.NET Core Session and no session under wrk"
  print ""
  if (smoke == 1) { print "**Smoke run: it checks that the harness works; its figures measure nothing.**"; print "" }
  print "- Runs: " settings "."
  print "- Machine: " machine "."
  print "- Each wrk connection uses a session of its own (seeded by `POST /seed`, kept by its cookie); the seeding requests are left out of every figure."
  print "- Requests/s and p99 are medians over the rounds. A ratio is the median over the rounds of the ratio between two runs of the same round (higher is better); the no-session app has no store, so it is the baseline on both stores."
  print ""
  print "## Memory store"
  print ""
  print "TypedSessions (`AddDistributedCacheStore`) and ASP.NET Core Session (`AddSession`), both over `AddDistributedMemoryCache`."
  print ""
  print "| request | no session req/s | TypedSessions req/s | ASP.NET Core Session req/s | TypedSessions ÷ no session | ASP.NET ÷ no session | TypedSessions ÷ ASP.NET | p99 ms: none / TypedSessions / ASP.NET |"
  print "|---|--:|--:|--:|--:|--:|--:|--:|"
  for (i = 1; i <= nk; i++) {
    k = kinds[i]
    printf "| %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |\n", label[k],
      (k == "write100" ? "(" f_rps(stat("rps", "write", "none")) ")" : f_rps(stat("rps", k, "none"))),
      f_rps(stat("rps", k, "typed/memory")), f_rps(stat("rps", k, "aspnet/memory")),
      f_ratio(vs_none(k, "typed/memory")), f_ratio(vs_none(k, "aspnet/memory")),
      f_ratio(ratio(k, "typed/memory", k, "aspnet/memory")),
      f_ms(stat("p99", base[k], "none")), f_ms(stat("p99", k, "typed/memory")), f_ms(stat("p99", k, "aspnet/memory"))
  }
  print ""
  print "## Redis"
  print ""
  print "A throwaway local redis-server per implementation: TypedSessions `AddRedisStore`, ASP.NET Core Session over `AddStackExchangeRedisCache`. Redis commands per request come from `INFO commandstats` (every command but INFO), bytes sent to Redis from `INFO stats` `total_net_input_bytes`, as deltas around the run."
  print ""
  print "| request | TypedSessions req/s | ASP.NET Core Session req/s | TypedSessions ÷ ASP.NET | TypedSessions ÷ no session | ASP.NET ÷ no session | p99 ms: TypedSessions / ASP.NET | Redis commands/request: TypedSessions / ASP.NET | bytes to Redis/request: TypedSessions / ASP.NET |"
  print "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
  for (i = 1; i <= nk; i++) {
    k = kinds[i]
    printf "| %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s |\n", label[k],
      f_rps(stat("rps", k, "typed/redis")), f_rps(stat("rps", k, "aspnet/redis")),
      f_ratio(ratio(k, "typed/redis", k, "aspnet/redis")),
      f_ratio(vs_none(k, "typed/redis")), f_ratio(vs_none(k, "aspnet/redis")),
      f_ms(stat("p99", k, "typed/redis")), f_ms(stat("p99", k, "aspnet/redis")),
      f_cmd(stat("cmd", k, "typed/redis")), f_cmd(stat("cmd", k, "aspnet/redis")),
      f_byt(stat("byt", k, "typed/redis")), f_byt(stat("byt", k, "aspnet/redis"))
  }
  print ""
  print "## Bytes sent to Redis per write: 5-key against 105-key session"
  print ""
  print "`POST /write` changes one key (`load.Count`). The wide session is seeded by `POST /seed?wide=true`: the 5 keys and 100 more of 40 characters."
  print ""
  print "| session | TypedSessions bytes/write | ASP.NET Core Session bytes/write | TypedSessions commands/write | ASP.NET commands/write |"
  print "|---|--:|--:|--:|--:|"
  printf "| 5 keys | %s | %s | %s | %s |\n", f_byt(stat("byt", "write", "typed/redis")), f_byt(stat("byt", "write", "aspnet/redis")),
    f_cmd(stat("cmd", "write", "typed/redis")), f_cmd(stat("cmd", "write", "aspnet/redis"))
  printf "| 105 keys | %s | %s | %s | %s |\n", f_byt(stat("byt", "write100", "typed/redis")), f_byt(stat("byt", "write100", "aspnet/redis")),
    f_cmd(stat("cmd", "write100", "typed/redis")), f_cmd(stat("cmd", "write100", "aspnet/redis"))
  printf "| 105 keys ÷ 5 keys | %s | %s | | |\n", f_ratio(q(stat("byt", "write100", "typed/redis"), stat("byt", "write", "typed/redis"))),
    f_ratio(q(stat("byt", "write100", "aspnet/redis"), stat("byt", "write", "aspnet/redis")))
  print ""
  sent_section()
  print ""
  print "## Redis commands run per request under load, by command"
  print ""
  print "From `INFO commandstats` around the wrk runs: commands sent by the app and commands run inside its Lua scripts."
  print ""
  print "| request | TypedSessions | ASP.NET Core Session |"
  print "|---|---|---|"
  for (i = 1; i <= nk; i++) {
    k = kinds[i]
    printf "| %s | %s | %s |\n", label[k], breakdown(k, "typed/redis"), breakdown(k, "aspnet/redis")
  }
}

function sentlist(c, k,    n, i, parts, kv, s) {
  if (!((c, k) in sent)) return "–"
  if (sentnames[c, k] == "-") return "none"
  n = split(sentnames[c, k], parts, ",")
  s = ""
  for (i = 1; i <= n; i++) { split(parts[i], kv, ":"); s = s (i > 1 ? ", " : "") toupper(kv[1]) (kv[2] + 0 != 1 ? " ×" kv[2] : "") }
  return s
}

function sent_cell(c, k) {
  if (!((c, k) in sent)) return "–"
  return sprintf("%g: %s%s", sent[c, k], sentlist(c, k), scripted[c, k] + 0 > 0 ? sprintf(" (+%g run inside the script)", scripted[c, k]) : "")
}

function sent_section(    i, k) {
  print "## Redis commands sent per request"
  print ""
  print "What `redis-cli MONITOR` shows while curl sends " "requests of each kind one at a time on a seeded session: the commands the app sends, and in parentheses the commands a Lua script it sends runs inside Redis (`INFO commandstats` counts those too)."
  print ""
  print "| request | TypedSessions | ASP.NET Core Session |"
  print "|---|---|---|"
  for (i = 1; i <= nk; i++) {
    k = kinds[i]
    printf "| %s | %s | %s |\n", label[k], sent_cell("typed/redis", k), sent_cell("aspnet/redis", k)
  }
}

function smoke_report(    k, c, i, n, row) {
  print "# Load harness smoke check"
  print ""
  print "**It checks that the harness works; its figures measure nothing.**"
  print ""
  print "- Runs: " settings "."
  print "- Machine: " machine "."
  print "- Every run below answered 2xx only, with measured requests. mix: plain, read, write and list in turn on every session."
  print ""
  print "| request | configuration | req/s | p99 ms | requests | Redis commands/request | bytes to Redis/request |"
  print "|---|---|--:|--:|--:|--:|--:|"
  for (i = 1; i <= nrows; i++) print rows[i]
  print ""
  label["mix"] = "mix"
  sent_section()
}

function q(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "" : a / b }

function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }

function svg(    series, colors, names, ns, i, j, k, v, top, W, H, left, right, ytop, ybot, bw, gap, gw, gg, x, y, h, t, step) {
  ns = split("typed/memory aspnet/memory typed/redis aspnet/redis", series, " ")
  split("#1f5fa8 #9aa5b1 #1b9e77 #c7a76c", colors, " ")
  split("TypedSessions, memory|ASP.NET Core Session, memory|TypedSessions, Redis|ASP.NET Core Session, Redis", names, "|")
  split("session unused|read-only|write one key|list in place|write, 105-key session", klabel, "|")
  top = 1.0
  for (i = 1; i <= nk; i++) for (j = 1; j <= ns; j++) { v = vs_none(kinds[i], series[j]); if (v != "" && v + 0 > top) top = v + 0 }
  step = 0.2
  top = (int(top / step) + 1) * step
  left = 70; right = 40; ytop = 92; ybot = 360
  bw = 28; gap = 4; gw = ns * bw + (ns - 1) * gap; gg = 44
  W = left + nk * gw + (nk - 1) * gg + right + 10
  H = 440
  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">\n", W, H, W, H
  printf "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", W, H
  printf "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#222\">Requests/s relative to no session (wrk, loopback)</text>\n", left
  printf "<text x=\"%d\" y=\"42\" fill=\"#555\">%s</text>\n", left, esc(settings)
  # legend
  x = left
  for (j = 1; j <= ns; j++) {
    printf "<rect x=\"%d\" y=\"54\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"65\" fill=\"#333\">%s</text>\n", x, colors[j], x + 16, esc(names[j])
    x += 16 + length(names[j]) * 6.6 + 18
  }
  # grid
  for (t = 0; t <= top + 1e-9; t += step) {
    y = ybot - (ybot - ytop) * t / top
    printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", left, W - right, y, y
    printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%.1f×</text>\n", left - 8, y + 4, t
  }
  y = ybot - (ybot - ytop) * 1.0 / top
  printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\" stroke-dasharray=\"5 4\"/>\n", left, W - right, y, y
  printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#c0392b\">no session</text>\n", W - right, y - 4
  for (i = 1; i <= nk; i++) {
    x = left + 10 + (i - 1) * (gw + gg)
    for (j = 1; j <= ns; j++) {
      v = vs_none(kinds[i], series[j])
      if (v != "") {
        h = (ybot - ytop) * v / top
        printf "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %.2f× no session</title></rect>\n", x, ybot - h, bw, h, colors[j], esc(names[j]), esc(klabel[i]), v
        printf "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">%.2f</text>\n", x + bw / 2, ybot - h - 4, v
      }
      x += bw + gap
    }
    printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#222\">%s</text>\n", left + 10 + (i - 1) * (gw + gg) + gw / 2, ybot + 20, esc(klabel[i])
  }
  printf "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", left, W - right, ybot, ybot
  printf "<text x=\"%d\" y=\"%d\" fill=\"#777\" font-size=\"11\">%s</text>\n", left, H - 30, "Each bar: the median over the rounds of the ratio to the no-session run of the same round and kind (a write for the 105-key session)."
  printf "<text x=\"%d\" y=\"%d\" fill=\"#777\" font-size=\"10\">%s</text>\n", left, H - 14, esc(machine)
  print "</svg>"
}

END {
  if (mode == "svg") svg(); else if (mode == "smoke") smoke_report(); else markdown()
}
