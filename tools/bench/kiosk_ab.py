#!/usr/bin/env python3
"""Several kiosk builds (or settings) and the Leaflet peer, measured INTERLEAVED run by run with the side-by-side
harness's own run functions (../shared/bench/peer/kioskbench.py), so that their figures are comparable on a machine
whose speed drifts by up to 1.7x over minutes and that other people share.

  tools/bench/kiosk_ab.py [--runs 3] [--phases frames,idle] [--peer] [--out-dir D] VARIANT...

VARIANT is NAME=PATH/TO/qmi-kiosk[,ENV=VALUE...], e.g.
  base=/work/baseline/build/qmi-kiosk  new=build/qmi-kiosk  full=build/qmi-kiosk,QMI_FULL_FRAMES=1
Each run round plays every variant (and the peer with --peer) once, in that order:
  frames: 10 s of the peer's pan/zoom replayed as a pinch (kioskbench kiosk_replay_once): frames the X server
          received, their intervals, CPU of the program + Xvfb;
  idle:   20 s idle CPU (--idle-s), then input -> frame latency of an XTest mouse drag (kioskbench idle_once).
Prints one table per phase (min / median / max over the runs) and writes every run to D/ab.json.
Needs: ../shared/bench/peer/setup.sh once (chromium, xvfb, imagemagick; npm ci), a kiosk with its map cache.
"""
import argparse
import json
import os
import statistics
import sys
import time

PEER = os.environ.get('PEER_DIR', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared',
                                               'bench', 'peer'))
sys.path.insert(0, os.path.abspath(PEER))
import kioskbench as kb  # noqa: E402
import peerbench as pb  # noqa: E402


def parse_variant(text):
    name, _, rest = text.partition('=')
    parts = rest.split(',')
    env = dict(p.split('=', 1) for p in parts[1:])
    return {'name': name, 'kiosk': os.path.abspath(parts[0]), 'env': env}


def with_variant(v, fn):
    """Runs fn() with kioskbench pointed at the variant's binary and its environment."""
    saved_kiosk, saved_env = kb.KIOSK, dict(os.environ)
    kb.KIOSK = v['kiosk']
    os.environ.update(v['env'])
    try:
        return fn()
    finally:
        kb.KIOSK = saved_kiosk
        os.environ.clear()
        os.environ.update(saved_env)


def mmm(vals, nd=1):
    v = [x for x in vals if isinstance(x, (int, float))]
    if not v:
        return 'n/a'
    return f'{min(v):.{nd}f} / **{statistics.median(v):.{nd}f}** / {max(v):.{nd}f}'


def table(title, names, runs, rows):
    out = [f'### {title}', '', '| figure | ' + ' | '.join(names) + ' |', '|---' * (len(names) + 1) + '|']
    for label, key, nd in rows:
        out.append(f'| {label} | ' + ' | '.join(mmm([key(r) for r in runs[n]], nd) for n in names) + ' |')
    return '\n'.join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('variants', nargs='+')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--phases', default='frames,idle')
    ap.add_argument('--peer', action='store_true', help='also run the Leaflet peer in every round')
    ap.add_argument('--idle-s', type=float, default=20.0)
    ap.add_argument('--out-dir', default=os.path.join(os.environ.get('TMPDIR', '/tmp'), 'qmi-kiosk-ab'))
    a = ap.parse_args()
    a.out_dir = os.path.abspath(a.out_dir)
    a.duration_s, a.settle_s, a.idle_settle_s = 10.0, 3.0, 5.0
    for d in ('frames', 'idle', 'frames/peer'):
        os.makedirs(os.path.join(a.out_dir, d), exist_ok=True)
    pb.become_subreaper()
    variants = [parse_variant(t) for t in a.variants]
    names = [v['name'] for v in variants] + (['peer'] if a.peer else [])
    phases = a.phases.split(',')
    res = {p: {n: [] for n in names} for p in phases}
    script = os.path.join(a.out_dir, 'frames', 'peer-motion.jsonl')
    if 'frames' in phases:
        ov = os.path.join(a.out_dir, 'frames', 'kiosk-overview.png')
        with_variant(variants[0], lambda: kb.kiosk_first_frame_once(ov, 0))
        print(json.dumps(kb.gen_script(script, ov, duration_s=a.duration_s, settle_s=a.settle_s)), file=sys.stderr)
    pa = argparse.Namespace(duration_ms=int(a.duration_s * 1000), renderer='', kiosk_flags='--kiosk',
                            screen=kb.SCREEN, interval=0.1, timeout=90, out_dir=os.path.join(a.out_dir, 'frames', 'peer'))
    started = time.strftime('%Y-%m-%d %H:%M:%S %Z')
    for i in range(1, a.runs + 1):
        for p in phases:
            for v in variants + ([None] if a.peer else []):
                n = v['name'] if v else 'peer'
                ri = i * 100 + names.index(n)  # distinct log names per variant
                if p == 'frames':
                    r = pb.frames_once(ri, pa, []) if v is None else with_variant(v, lambda: kb.kiosk_replay_once(ri, a, script))
                    if v is None:
                        r['cpu_cores'] = r.get('chromium_cpu_cores')
                        r['xvfb_cores'] = r.get('xvfb_cpu_cores')
                else:
                    r = kb.idle_once(ri, a, 'peer') if v is None else with_variant(v, lambda: kb.idle_once(ri, a, 'kiosk'))
                res[p][n].append(r)
                print(f'{p} {i} {n}: ' + json.dumps({k: r.get(k) for k in (
                    'x_frames', 'x_median_ms', 'x_p95_ms', 'x_p99_ms', 'cpu_cores', 'xvfb_cores', 'lat_median_ms',
                    'lat_p95_ms', 'idle_x_frames', 'foreign_cpu_cores', 'cpu_probe_ms', 'error', 'end_zoomed_in')
                    if k in r}), file=sys.stderr, flush=True)
    with open(os.path.join(a.out_dir, 'ab.json'), 'w') as f:
        json.dump({'started': started, 'variants': variants, 'runs': res}, f, indent=1)
    cpu = lambda r: (r.get('cpu_cores') or 0) + (r.get('xvfb_cores') or 0)
    if 'frames' in res:
        print(table(f'10 s of the peer\'s pan/zoom ({a.runs} interleaved rounds from {started})', names, res['frames'], [
            ('frames received by the X server', lambda r: r.get('x_frames'), 0),
            ('frame interval median, ms', lambda r: r.get('x_median_ms'), 0),
            ('frame interval p95, ms', lambda r: r.get('x_p95_ms'), 0),
            ('frame interval p99, ms', lambda r: r.get('x_p99_ms'), 0),
            ('CPU program + Xvfb, cores', cpu, 2),
            ('CPU per frame, ms', lambda r: cpu(r) * 10000 / r['x_frames'] if r.get('x_frames') else None, 1),
            ('other load, cores', lambda r: r.get('foreign_cpu_cores'), 2)]))
    if 'idle' in res:
        print(table(f'idle {a.idle_s:g} s, then an XTest drag', names, res['idle'], [
            ('idle CPU program + Xvfb, cores', cpu, 4),
            ('frames drawn while idle', lambda r: r.get('idle_x_frames'), 0),
            ('input -> frame median, ms', lambda r: r.get('lat_median_ms'), 1),
            ('input -> frame p95, ms', lambda r: r.get('lat_p95_ms'), 1),
            ('other load, cores', lambda r: r.get('foreign_cpu_cores'), 2)]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
