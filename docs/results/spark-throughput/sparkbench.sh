#!/bin/bash
# Same study, --workers 2 vs --spark local[2]; prints wall seconds; runs.csv compared.
cd "$(dirname "$0")/../../.."   # the repository root
S="compare --datasets subset:3000 --archs mlp:100,30 --methods magnitude,mu,random --ratios 0.5,0.7,0.9 --seeds 1,2,3,4 --dense-epochs 4 --epochs 4 --fine-tune 2"
for i in 1 2; do
  rm -rf /tmp/sb/local$i /tmp/sb/spark$i; mkdir -p /tmp/sb
  t0=$(date +%s.%N); ./parsimony $S --workers 2 --out /tmp/sb/local$i > /tmp/sb/local$i.log 2>&1; t1=$(date +%s.%N)
  ./parsimony $S --workers 2 --spark --out /tmp/sb/spark$i > /tmp/sb/spark$i.log 2>&1; t2=$(date +%s.%N)
  echo "round $i: local $(echo "$t1 - $t0" | bc) s, spark $(echo "$t2 - $t1" | bc) s"
done
for i in 1 2; do cut -d, -f1-99 /tmp/sb/local$i/runs.csv | python3 -c "
import csv,sys
r=list(csv.reader(sys.stdin)); h=r[0]; keep=[i for i,c in enumerate(h) if 'second' not in c and 'time' not in c]
print('\n'.join(','.join(row[i] for i in keep) for row in sorted(r[1:])))" > /tmp/sb/l$i.txt; cut -d, -f1-99 /tmp/sb/spark$i/runs.csv | python3 -c "
import csv,sys
r=list(csv.reader(sys.stdin)); h=r[0]; keep=[i for i,c in enumerate(h) if 'second' not in c and 'time' not in c]
print('\n'.join(','.join(row[i] for i in keep) for row in sorted(r[1:])))" > /tmp/sb/s$i.txt; cmp /tmp/sb/l$i.txt /tmp/sb/s$i.txt && echo "runs.csv $i equal (timings dropped)"; done
head -1 /tmp/sb/local1/runs.csv; wc -l /tmp/sb/local1/runs.csv
