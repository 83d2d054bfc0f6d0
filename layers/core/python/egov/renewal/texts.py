"""The renewal service's texts, Azerbaijani first (DESIGN rule 12)."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        "renewal.unknown": {
            "az": "Belə yenilənmə müraciəti yoxdur",
            "en": "No such renewal application",
        },
        "renewal.not-yours": {
            "az": "Bu sertifikat sizə aid deyil",
            "en": "This certificate is not yours",
        },
        "renewal.not-asan": {
            "az": "Onlayn yalnız ASXM-in verdiyi ASAN İmza sertifikatı yenilənir",
            "en": "Only ASAN İmza certificates of ASXM are renewed online",
        },
        "renewal.type.personal": {"az": "Şəxsi sertifikat", "en": "Personal certificate"},
        "renewal.window.not-active": {
            "az": "Müraciət yalnız sertifikat aktiv olduğu zaman göndərilə bilər",
            "en": "An application can be sent only while the certificate is active",
        },
        "renewal.window.not-yet": {
            "az": "Müraciət sertifikatın bitmə tarixindən öncəki 30 gün ərzində mümkündür: "
            "{opensOn} tarixindən",
            "en": "An application is possible in the 30 days before the certificate expires: "
            "from {opensOn}",
        },
        "renewal.window.expired": {
            "az": "Sertifikatın müddəti bitib; onlayn yenilənmə mümkün deyil",
            "en": "The certificate has expired; it cannot be renewed online",
        },
        "renewal.already-renewing": {
            "az": "Bu sertifikat üzrə yenilənmə müraciəti artıq göndərilib",
            "en": "A renewal application for this certificate has already been sent",
        },
    }
)


def window_reason(reason: str | None, lang: i18n.Lang, **params: object) -> str | None:
    return i18n.text(f"renewal.window.{reason}", lang, params) if reason else None
