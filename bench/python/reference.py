#!/usr/bin/env python3
"""The Python/PyTorch reference the C++ benchmarks compare against, run in the same process
tree and the same hour (Debian python3-torch and python3-torchaudio; glibc's default
allocator, as a Python user gets it).

    reference.py features FILE.wav... [--repeats R]       decode + resample + log-mel, 1 thread
    reference.py train --model esc50net|resnet34 --n-mels M --frames F [--steps N] [--threads T]
                       [--precisions fp32,bf16]
    reference.py classify FILE.wav [--repeats R] [--precisions fp32,bf16]   one clip through esc50net, 1 thread

Each prints one JSON line. The networks and the feature pipeline mirror src/model and
src/features: the same layer shapes, batch, optimiser and librosa conventions.
"""
import argparse
import json
import statistics
import time

import soundfile
import torch
import torch.nn as nn
import torchaudio

SAMPLE_RATE = 22050


class FeaturePipeline:
    """soundfile -> mono -> torchaudio Resample -> MelSpectrogram -> power_to_db(ref=max)."""

    def __init__(self, n_mels=128, clip_seconds=5.0):
        self.mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=SAMPLE_RATE, n_fft=2048, hop_length=512, n_mels=n_mels, power=2.0,
            center=True, pad_mode="constant", norm="slaney", mel_scale="slaney")
        self.resamplers = {}
        self.length = int(round(clip_seconds * SAMPLE_RATE))

    def __call__(self, path):
        audio, rate = soundfile.read(path, dtype="float32", always_2d=True)
        wave = torch.from_numpy(audio.mean(axis=1))
        if rate != SAMPLE_RATE:
            if rate not in self.resamplers:
                self.resamplers[rate] = torchaudio.transforms.Resample(rate, SAMPLE_RATE)
            wave = self.resamplers[rate](wave)
        wave = torch.nn.functional.pad(wave, (0, max(0, self.length - wave.numel())))[: self.length]
        power = self.mel(wave)
        db = 10.0 * torch.log10(torch.clamp(power, min=1e-10))
        db = db - db.max()
        return torch.clamp(db, min=db.max() - 80.0)


class Esc50Net(nn.Module):
    """src/network/esc50net.cpp: 3x3 conv + BN + ReLU blocks, 2x2 average pooling between them."""

    def __init__(self, n_classes=50, width=32, blocks=5, dropout=0.3):
        super().__init__()
        layers, channels = [], 1
        for b in range(blocks):
            out = min(width << b, 512)
            layers += [nn.Conv2d(channels, out, 3, padding=1, bias=False), nn.BatchNorm2d(out),
                       nn.ReLU(inplace=True)]
            if b + 1 < blocks:
                layers.append(nn.AvgPool2d(2))
            channels = out
        self.features = nn.Sequential(*layers)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(channels, n_classes)

    def forward(self, decibels):
        x = self.features((decibels + 40.0) / 20.0).mean(2)
        x = x.max(2).values + x.mean(2)
        return self.classifier(self.dropout(x))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (self.down(x) if self.down is not None else x))


class ResNet34(nn.Module):
    """src/network/resnet.cpp: torchvision's resnet34 with one input channel."""

    def __init__(self, n_classes=50, dropout=0.5):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64),
                                  nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        stages, cin = [], 64
        for cout, count, stride in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]:
            for i in range(count):
                stages.append(BasicBlock(cin, cout, stride if i == 0 else 1))
                cin = cout
        self.stages = nn.Sequential(*stages)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(512, n_classes)

    def forward(self, decibels):
        x = self.stages(self.stem((decibels + 40.0) / 20.0)).mean((2, 3))
        return self.classifier(self.dropout(x))


def features(args):
    torch.set_num_threads(1)
    pipeline = FeaturePipeline()
    rates = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for f in args.files:
            pipeline(f)
        rates.append(len(args.files) / (time.perf_counter() - start))
    return {"clips_per_second": statistics.median(rates)}


def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    out = {}
    for precision in args.precisions.split(","):
        # Channels-last, as esc50 trains: PyTorch's advice for convolutions on CPU.
        net = (Esc50Net() if args.model == "esc50net" else ResNet34()).to(memory_format=torch.channels_last)
        optimizer = torch.optim.AdamW(net.parameters(), 1e-3)
        inputs = (torch.randn(32, 1, args.n_mels, args.frames) * 20 - 40).contiguous(memory_format=torch.channels_last)
        targets = torch.nn.functional.one_hot(torch.randint(0, 50, (32,)), 50).float() * 0.9 + 0.1 / 50
        times = []
        for step in range(args.steps + 1):  # step 0 warms up
            start = time.perf_counter()
            optimizer.zero_grad()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                logits = net(inputs)
            loss = -(targets * torch.log_softmax(logits.float(), 1)).sum(1).mean()
            loss.backward()
            optimizer.step()
            if step > 0:
                times.append(time.perf_counter() - start)
        out[precision] = statistics.median(times)
    return {"seconds_per_step": out}


def classify(args):
    torch.set_num_threads(1)
    pipeline = FeaturePipeline(n_mels=64)
    out = {}
    for precision in args.precisions.split(","):
        net = Esc50Net().eval().to(memory_format=torch.channels_last)
        if precision == "bf16":
            net = net.to(torch.bfloat16)
        times = []
        with torch.inference_mode():
            for r in range(args.repeats + 1):  # the first call warms up
                start = time.perf_counter()
                x = pipeline(args.file)[None, None].contiguous(memory_format=torch.channels_last)
                if precision == "bf16":
                    x = x.to(torch.bfloat16)
                torch.softmax(net(x).float(), 1)
                if r > 0:
                    times.append(time.perf_counter() - start)
        out[precision] = statistics.median(times)
    return {"seconds_per_clip": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("features")
    p.add_argument("files", nargs="+")
    p.add_argument("--repeats", type=int, default=3)
    p = sub.add_parser("train")
    p.add_argument("--model", choices=["esc50net", "resnet34"], required=True)
    p.add_argument("--n-mels", type=int, default=64)
    p.add_argument("--frames", type=int, default=216)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--precisions", default="fp32,bf16")
    p = sub.add_parser("classify")
    p.add_argument("file")
    p.add_argument("--repeats", type=int, default=30)
    p.add_argument("--precisions", default="fp32,bf16")
    args = parser.parse_args()
    result = {"features": features, "train": train, "classify": classify}[args.command](args)
    result.update(torch=torch.__version__, torchaudio=torchaudio.__version__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
