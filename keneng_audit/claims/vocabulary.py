"""The named quantities and claim patterns of the `vocabulary/` folders of the rule packs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from keneng_audit.claims.model import ClaimSpec, QuantitySpec, ShareWordSpec, VagueSpec, load_file
from keneng_audit.claims.patterns import CompiledClaim, PatternError, compile_claim
from keneng_audit.errors import RuleFileError
from keneng_audit.resources import rules_dir

VOCABULARY_FOLDER = "vocabulary"


@dataclass(frozen=True)
class LocatedClaim:
    """A claim declared in a vocabulary file, compiled, with the file and line that declare it."""

    spec: ClaimSpec
    compiled: CompiledClaim
    file: str
    line: int


@dataclass
class Vocabulary:
    """Everything the vocabulary files of the applied packs declare, cross-checked."""

    quantities: dict[str, QuantitySpec] = field(default_factory=dict)
    claims: list[LocatedClaim] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    vague: list[VagueSpec] = field(default_factory=list)
    share_words: list[ShareWordSpec] = field(default_factory=list)

    def resolve(self, name: str) -> str | None:
        """The quantity id named by an id, its Chinese name or one of its aliases."""
        key = "".join(name.split())
        if key in self.quantities:
            return key
        for q in self.quantities.values():
            if key == "".join(q.zh.split()) or key in ("".join(a.split()) for a in q.aliases):
                return q.id
        return None

    def name(self, quantity: str, lang: str = "zh") -> str:
        base, _, _ = quantity.partition(":")
        spec = self.quantities.get(base)
        if spec is None:
            return quantity
        return spec.zh if lang == "zh" else spec.en


def national_vocabulary_dir() -> Path:
    return rules_dir() / "national" / VOCABULARY_FOLDER


def vocabulary_dirs(pack_dirs: list[Path]) -> list[Path]:
    """The `vocabulary/` folders of the given rule-pack folders that exist (national first if given)."""
    return [d / VOCABULARY_FOLDER for d in pack_dirs if (d / VOCABULARY_FOLDER).is_dir()]


def _yaml_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml")))
        elif p.is_file():
            files.append(p)
        else:
            raise RuleFileError(f"{p}: 没有这个词表文件或目录", f"{p}: vocabulary file or folder not found")
    return files


# Loaded vocabularies, keyed by their files and each file's modification time and size: a batch (or a test
# session) loads and compiles them once per process, and an edited file is read again.
_LOADED: dict[tuple, Vocabulary] = {}


def load_vocabulary(paths: list[Path]) -> Vocabulary:
    """Loads vocabulary files/folders in order; quantities first, then the claims that refer to them.

    The result is shared by every caller with the same unchanged files: treat it as read-only."""
    files = _yaml_files(paths)
    try:
        key = tuple((str(f), st.st_mtime_ns, st.st_size) for f in files for st in (f.stat(),))
    except OSError:
        return _load(files)  # let the loader report the file that cannot be read
    vocab = _LOADED.get(key)
    if vocab is None:
        from keneng_audit.cache import cached  # across processes: compiled once per edit of the files

        vocab = _LOADED[key] = cached("vocabulary", files, lambda: _load(files))
        if len(_LOADED) > 32:
            del _LOADED[next(iter(_LOADED))]
    return vocab


def _load(files: list[Path]) -> Vocabulary:
    vocab = Vocabulary()
    loaded = []
    for path in files:
        parsed, lines = load_file(path)
        loaded.append((path, parsed, lines))
        vocab.files.append(str(path))
        vocab.vague.extend(parsed.vague)
        vocab.share_words.extend(parsed.share_words)
        for spec, line in zip(parsed.quantities, lines.get("quantities", [])):
            if spec.id in vocab.quantities:
                raise RuleFileError(f"{path}:{line}: 数量 {spec.id!r} 重复声明", f"{path}:{line}: quantity {spec.id!r} is declared twice")
            vocab.quantities[spec.id] = spec
    for path, parsed, lines in loaded:
        for spec, line in zip(parsed.quantities, lines.get("quantities", [])):
            for key in ("share_of", "ratio_of", "ratio_plus"):
                named = [q if isinstance(q, str) else q[0] for q in (getattr(spec, key) or ())]
                unknown = [q for q in named if q not in vocab.quantities]
                if unknown:
                    raise RuleFileError(f"{path}:{line}: {key} 指向未知的数量 {unknown[0]!r}",
                                        f"{path}:{line}: {key} names unknown quantity {unknown[0]!r}")
        vague_before = tuple(sorted({w for v in vocab.vague if v.place == "before" for w in v.words}))
        for spec, line in zip(parsed.claims, lines.get("claims", [])):
            try:
                compiled = compile_claim(spec.say, vocab.resolve, vague_before)
            except PatternError as exc:
                raise RuleFileError(f"{path}:{line}: {exc.zh}", f"{path}:{line}: {exc.en}") from exc
            vocab.claims.append(LocatedClaim(spec, compiled, str(path), line))
    return vocab
