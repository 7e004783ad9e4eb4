#!/usr/bin/env python3
"""A long synthetic recording with known events, and the scoring of esc50's events against it.

    long_recording.py make --data ESC50_DIR --fold K --hours H --out long.wav --truth truth.csv
        ESC-50 clips of one official fold (held out by a CV's fold-K model), each trimmed to
        its audible part, separated by 2-20 s of silence, 44.1 kHz mono 16-bit, written in
        blocks; truth.csv lists start_s,end_s,class of every clip.
    long_recording.py score --truth truth.csv --events events.csv [--tolerance 1]
        precision and recall of the events in `esc50 classify --events --csv` output: a
        detected event matches an unmatched true event of the same class when both its start
        and its end lie within the tolerance of the true ones.
"""
import argparse
import csv
import json
import random

import numpy as np
import soundfile

RATE = 44100


def audible_part(audio, floor_db=-40.0, frame=1024):
    """The clip from its first to its last frame within floor_db of its loudest frame."""
    frames = len(audio) // frame
    if frames == 0:
        return audio
    rms = np.sqrt(np.mean(audio[: frames * frame].reshape(frames, frame) ** 2, axis=1) + 1e-12)
    loud = np.nonzero(20 * np.log10(rms / rms.max()) > floor_db)[0]
    return audio[loud[0] * frame: (loud[-1] + 1) * frame]


def make(args):
    rng = random.Random(args.seed)
    with open(f"{args.data}/meta/esc50.csv") as f:
        clips = [row for row in csv.DictReader(f) if int(row["fold"]) == args.fold]
    truth, t = [], 0.0
    with soundfile.SoundFile(args.out, "w", RATE, 1, "PCM_16") as out:
        while t < args.hours * 3600:
            gap = rng.uniform(2, 20)
            out.write(np.zeros(int(gap * RATE), dtype=np.float32))
            t += gap
            row = rng.choice(clips)
            audio, rate = soundfile.read(f"{args.data}/audio/{row['filename'][:-4]}.ogg", dtype="float32", always_2d=True)
            audio = audio.mean(axis=1)
            if rate != RATE:
                audio = np.interp(np.arange(int(len(audio) * RATE / rate)) * rate / RATE, np.arange(len(audio)), audio)
            audio = audible_part(audio.astype(np.float32))
            out.write(audio)
            truth.append((t, t + len(audio) / RATE, row["category"]))
            t += len(audio) / RATE
    with open(args.truth, "w") as f:
        f.write("start_s,end_s,class\n")
        for start, end, name in truth:
            f.write(f"{start:.3f},{end:.3f},{name}\n")
    print(json.dumps({"seconds": t, "events": len(truth)}))


def score(args):
    with open(args.truth) as f:
        truth = [(float(r["start_s"]), float(r["end_s"]), r["class"]) for r in csv.DictReader(f)]
    with open(args.events) as f:
        events = [(float(r["start_s"]), float(r["end_s"]), r["class"]) for r in csv.DictReader(f) if r["kind"] == "event"]
    matched, hits = set(), 0
    for start, end, name in events:
        for i, (ts, te, tn) in enumerate(truth):
            if i not in matched and tn == name and abs(ts - start) <= args.tolerance and abs(te - end) <= args.tolerance:
                matched.add(i)
                hits += 1
                break
    onset_hits = sum(1 for s, e, n in events if any(tn == n and abs(ts - s) <= args.tolerance for ts, te, tn in truth))
    print(json.dumps({"true_events": len(truth), "detected": len(events), "matched": hits,
                      "precision": hits / max(1, len(events)), "recall": hits / max(1, len(truth)),
                      "onset_precision": onset_hits / max(1, len(events)), "tolerance_s": args.tolerance}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("make")
    p.add_argument("--data", required=True)
    p.add_argument("--fold", type=int, default=1)
    p.add_argument("--hours", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--truth", required=True)
    p = sub.add_parser("score")
    p.add_argument("--truth", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--tolerance", type=float, default=1.0)
    args = parser.parse_args()
    {"make": make, "score": score}[args.command](args)


if __name__ == "__main__":
    main()
