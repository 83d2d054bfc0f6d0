"""Texts meant for people, in Azerbaijani first and English (DESIGN rule 12).

Every text has a key; callers never build sentences themselves, so a translation can be
checked for completeness in one place (tests/unit/test_i18n.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Lang = Literal["az", "en"]
DEFAULT: Lang = "az"

TEXTS: dict[str, dict[Lang, str]] = {
    # Problem titles (RFC 9457 `title`), one per problem type.
    "problem.validation": {"az": "Daxil edilən məlumat yanlışdır", "en": "The input is invalid"},
    "problem.not-found": {"az": "Tapılmadı", "en": "Not found"},
    "problem.conflict": {"az": "Ziddiyyət", "en": "Conflict"},
    "problem.unauthorized": {"az": "Giriş tələb olunur", "en": "Authentication required"},
    "problem.forbidden": {"az": "Giriş qadağandır", "en": "Forbidden"},
    "problem.locked": {"az": "Hesab bağlanıb", "en": "Account locked"},
    "problem.rate-limited": {"az": "Çox sayda sorğu", "en": "Too many requests"},
    "problem.unavailable": {
        "az": "Xarici sistem müvəqqəti əlçatan deyil",
        "en": "An external system is temporarily unavailable",
    },
    "problem.payment-required": {"az": "Ödəniş tələb olunur", "en": "Payment required"},
    "problem.internal": {
        "az": "Daxili xəta baş verdi; müraciət identifikatorunu dəstək xidmətinə bildirin",
        "en": "An internal error occurred; quote the correlation id to support",
    },
    "route.not-found": {"az": "Belə ünvan yoxdur", "en": "There is no such resource"},
    "problem.gone": {"az": "Müddət bitib", "en": "Deadline passed"},
    "problem.bad-request": {"az": "Sorğu oxuna bilmir", "en": "The request cannot be read"},
    "problem.unsupported-media-type": {
        "az": "Sorğunun məzmun növü dəstəklənmir",
        "en": "The request's content type is not supported",
    },
    # Generic field messages.
    "field.required": {"az": "Bu sahə mütləqdir", "en": "This field is required"},
    "field.invalid": {"az": "Dəyər yanlışdır", "en": "The value is invalid"},
    "field.unknown": {"az": "Naməlum sahə", "en": "Unknown field"},
    "body.invalid-json": {"az": "Sorğu JSON deyil", "en": "The request body is not JSON"},
    "body.too-deep": {
        "az": "Sorğunun JSON strukturu həddən artıq dərin iç-içədir",
        "en": "The request's JSON is nested too deeply",
    },
    "body.media-type": {
        "az": "Sorğunun məzmunu application/json olmalıdır",
        "en": "The request body must be application/json",
    },
    "auth.bad-credentials": {
        "az": "İstifadəçi adı və ya şifrə yanlışdır",
        "en": "Wrong username or password",
    },
    "auth.locked": {
        "az": "Çox sayda uğursuz cəhd: hesab {minutes} dəqiqəlik bağlanıb",
        "en": "Too many failed attempts: the account is locked for {minutes} minutes",
    },
    "auth.restricted": {
        "az": "Hesaba giriş operator tərəfindən məhdudlaşdırılıb",
        "en": "Access to this account has been restricted by the operator",
    },
    "auth.token-invalid": {
        "az": "Giriş tokeni etibarsızdır və ya müddəti bitib",
        "en": "The access token is invalid or has expired",
    },
    "auth.username-taken": {
        "az": "Bu istifadəçi adı artıq götürülüb, başqasını seçin",
        "en": "This username is taken, please choose another",
    },
    "application.changed": {
        "az": "Müraciət eyni vaxtda dəyişdirilib, yenidən yoxlayın",
        "en": "The application changed meanwhile, please try again",
    },
    "auth.role-required": {
        "az": "Bu əməliyyat üçün səlahiyyətiniz yoxdur",
        "en": "You are not allowed to do this",
    },
}


def pick_language(accept_language: str | None) -> Lang:
    """The first of az/en named in Accept-Language, by quality; Azerbaijani otherwise."""
    if not accept_language:
        return DEFAULT
    ranked: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((quality, tag.strip().lower()[:2]))
    for _, tag in sorted(ranked, key=lambda pair: -pair[0]):
        if tag in ("az", "en"):
            return tag  # type: ignore[return-value]
    return DEFAULT


def text(key: str, lang: Lang = DEFAULT, params: Mapping[str, object] | None = None) -> str:
    template = TEXTS[key][lang]
    return template.format(**params) if params else template


def register(texts: Mapping[str, dict[Lang, str]]) -> None:
    """Services add their own texts at import; a key may be defined once."""
    for key, value in texts.items():
        if key in TEXTS and TEXTS[key] != value:
            raise ValueError(f"text {key} defined twice")
        TEXTS[key] = value
