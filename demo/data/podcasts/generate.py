"""Generate the demo episodes' audio and captions once (their output is committed).

Needs Debian's espeak-ng and ffmpeg (libmp3lame): `apt-get install espeak-ng ffmpeg`.
Run: `python demo/data/podcasts/generate.py`; it reads the sentences from podcasts.toml.
"""

import subprocess
import tempfile
import tomllib
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
GAP = 0.4  # seconds of silence between sentences


def vtt_time(seconds: float) -> str:
    whole, millis = divmod(round(seconds * 1000), 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def main() -> None:
    data = tomllib.loads((HERE.parent / "podcasts.toml").read_text())
    for episode in data["episodes"]:
        with tempfile.TemporaryDirectory() as tmp:
            parts, cues, clock = [], [], 0.0
            for index, sentence in enumerate(episode["sentences"]):
                wav = Path(tmp) / f"{index:02d}.wav"
                subprocess.run(["espeak-ng", "-v", "fr-fr", "-s", "155", "-w", str(wav), sentence],
                               check=True)  # fmt: skip
                with wave.open(str(wav)) as sound:
                    length = sound.getnframes() / sound.getframerate()
                cues.append((clock, clock + length, sentence))
                clock += length + GAP
                parts.append(wav)
            inputs = [arg for part in parts for arg in ("-i", str(part))]
            filters = "".join(f"[{i}]apad=pad_dur={GAP}[a{i}];" for i in range(len(parts)))
            filters += "".join(f"[a{i}]" for i in range(len(parts)))
            filters += f"concat=n={len(parts)}:v=0:a=1[out]"
            mp3 = HERE / f"{episode['slug']}.mp3"
            subprocess.run(
                ["ffmpeg", "-v", "error", "-y", *inputs, "-filter_complex", filters,
                 "-map", "[out]", "-ac", "1", "-ar", "22050", "-c:a", "libmp3lame",
                 "-b:a", "24k", "-map_metadata", "-1", str(mp3)],
                check=True,
            )  # fmt: skip
        lines = ["WEBVTT", ""]
        for start, end, text in cues:
            lines += [f"{vtt_time(start)} --> {vtt_time(end)}", text, ""]
        (HERE / f"{episode['slug']}.vtt").write_text("\n".join(lines))
        print(mp3.name, mp3.stat().st_size, "bytes,", f"{clock:.1f} s")


if __name__ == "__main__":
    main()
