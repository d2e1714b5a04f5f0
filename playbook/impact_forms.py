"""Word families for the impact vocabulary: a stem stands for its inflections, so the word
lists name meanings ("fail") rather than the forms one author happened to write ("failing").

    forms("fail", "crash")  ->  (?:fail|fails|failed|failing|failure|failures|crash|crashes|...)
"""

from __future__ import annotations

_VOWELS = "aeiou"


def _verb(stem: str) -> set[str]:
    """Regular English inflections of a verb (or noun) stem: -s/-es, -ed, -ing, and -er/-ure nouns."""
    if " " in stem:                      # a phrasal verb inflects its first word: "log in" -> "logged in"
        head, rest = stem.split(" ", 1)
        return {f"{form} {rest}" for form in _verb(head)}
    found = {stem}
    if stem.endswith("e"):
        found |= {stem + "s", stem + "d", stem[:-1] + "ing"}
    elif stem.endswith("y") and len(stem) > 2 and stem[-2] not in _VOWELS:
        found |= {stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
    else:
        plural = stem + ("es" if stem.endswith(("s", "sh", "ch", "x", "z")) else "s")
        double = _doubles(stem)
        found |= {plural, stem + "ed", stem + "ing"}
        if double:
            found |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return found


def _doubles(stem: str) -> bool:
    """Short consonant-vowel-consonant stems double the last letter: stop -> stopped, log -> logging."""
    return (len(stem) <= 4 and len(stem) >= 3 and stem[-1] not in _VOWELS + "wxy"
            and stem[-2] in _VOWELS and stem[-3] not in _VOWELS)


def forms(*stems: str) -> str:
    """A regex group matching every stem in any of its regular forms (longest first)."""
    words: set[str] = set()
    for stem in stems:
        words |= _verb(stem)
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


def plural(*nouns: str) -> str:
    """A regex group matching each noun and its plural."""
    words = set()
    for noun in nouns:
        words |= {noun, noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")}
        if noun.endswith("y") and noun[-2] not in _VOWELS:
            words.add(noun[:-1] + "ies")
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"
