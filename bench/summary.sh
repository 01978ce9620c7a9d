# bench/summary.sh: the goal-row helpers of the bench scripts (sourced from the repository root, not run).
# Each script appends tab-separated rows "target, measure, value, goal, met" to the file given with --summary;
# bench/run.sh prints them as one table.

# ratio A B [DIGITS]: A / B.
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b == 0) print "nan"; else printf "%.*f\n", d, a / b }'; }
# meets VALUE OP GOAL: yes or no (OP is one of >= <= < >).
meets() { awk -v v="$1" -v g="$3" -v op="$2" 'BEGIN { r = (op == ">=") ? v >= g : (op == "<=") ? v <= g : (op == "<") ? v < g : v > g;
  print (v == "nan" ? "no" : (r ? "yes" : "no")) }'; }

# median: the median of the numbers on stdin, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# summary_row FILE TARGET MEASURE VALUE GOAL MET: append a tab-separated row when FILE is set.
summary_row() {
  local file=$1; shift
  [ -n "$file" ] && printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$file"
  printf '  %s | %s | %s | %s | %s\n' "$@"
}
