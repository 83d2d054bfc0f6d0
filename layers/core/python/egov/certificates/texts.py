"""Every text of the certificates service meant for a person, Azerbaijani first (DESIGN rule
12): problem titles and details, and the holder's notices. Registered once, on import of
`egov.certificates.models`, which every module of the service imports."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        # problems
        "certificates.unknown": {
            "az": "Bu seriya nömrəli sertifikat reyestrdə yoxdur",
            "en": "No certificate with this serial number is in the registry",
        },
        "certificates.transition-refused": {
            "az": "Sertifikatın vəziyyəti «{status}» olduğu üçün bu əməliyyat mümkün deyil",
            "en": "This is not possible while the certificate is “{status}”",
        },
        "certificates.changed-concurrently": {
            "az": "Sertifikat eyni vaxtda dəyişdirilib; yenidən cəhd edin",
            "en": "The certificate was changed at the same time; please try again",
        },
        "certificates.log-busy": {
            "az": "Reyestr jurnalı məşğuldur; yenidən cəhd edin",
            "en": "The registry log is busy; please try again",
        },
        "certificates.already-issued": {
            "az": "Bu müraciət üzrə sertifikat artıq verilib",
            "en": "A certificate has already been issued for this application",
        },
        "certificates.public-key-invalid": {
            "az": "İmzayoxlama açarı DER formatında (base64) açıq açar deyil",
            "en": "The verification key is not a base64 DER public key",
        },
        "certificates.carrier-center-mismatch": {
            "az": "Token sertifikatını E-imza Mərkəzi, ASAN SIM sertifikatını ASXM verir",
            "en": "Token certificates come from the E-imza Center, ASAN SIM ones from ASXM",
        },
        "certificates.embassy-required": {
            "az": "Səfirliyə ünvanlanmış müraciətdə səfirlik göstərilməlidir",
            "en": "An application addressed to an embassy must name the embassy",
        },
        "certificates.embassy-invalid": {
            "az": "Səfirlik öz qurum kodu ilə göstərilməlidir, məsələn EMB-DE",
            "en": "Name the embassy by its agency code, e.g. EMB-DE",
        },
        "certificates.dates-only-suspension": {
            "az": "Tarixlər («-dən», «-dək») yalnız dayandırma üçün göstərilir",
            "en": "Dates (from, until) are given for a suspension only",
        },
        "certificates.until-before-from": {
            "az": "Dayandırmanın son günü ilk günündən əvvəl ola bilməz",
            "en": "The last day of a suspension cannot be before its first day",
        },
        "certificates.from-in-past": {
            "az": "Dayandırmanın ilk günü keçmişdə ola bilməz",
            "en": "The first day of a suspension cannot be in the past",
        },
        "certificates.not-yet": {
            "az": "Müraciətdə göstərilən dayandırma {day} tarixindən başlayır",
            "en": "The suspension applied for starts on {day}",
        },
        "certificates.grounds-required": {
            "az": "Mərkəzin öz təşəbbüsü ilə əməliyyatı üçün Qanunda nəzərdə tutulmuş hal "
            "göstərilməlidir",
            "en": "An action on the Center's own initiative must state the case of the Law",
        },
        "certificates.until-only-suspension": {
            "az": "Son gün yalnız öz təşəbbüsü ilə dayandırmada göstərilir",
            "en": "A last day is given only for a suspension on the Center's own initiative",
        },
        "certificates.alert-raised": {
            "az": "Bu müddət üzrə xəbərdarlıq artıq göndərilib",
            "en": "The alert for this deadline has already been raised",
        },
        "certificates.reason-required": {
            "az": "Ləğv üçün səbəb göstərilməlidir",
            "en": "A revocation needs a reason",
        },
        "certificates.not-holder": {
            "az": "Yalnız sertifikat sahibi bu müraciəti edə bilər",
            "en": "Only the certificate holder may do this",
        },
        "certificates.basis-unknown": {
            "az": "Göstərilən əsas (müraciət və ya məlumat) bu sertifikat üçün tapılmadı",
            "en": "The basis given (application or report) was not found for this certificate",
        },
        "certificates.basis-mismatch": {
            "az": "Göstərilən müraciət bu əməliyyat üçün deyil və ya artıq baxılıb",
            "en": "The application given is not for this action or has already been decided",
        },
        "certificates.other-center": {
            "az": "Sertifikat başqa Mərkəz tərəfindən verilib",
            "en": "The certificate was issued by another Center",
        },
        "certificates.checkpoint-unknown": {
            "az": "Bu ölçüdə jurnal yoxlama nöqtəsi yoxdur",
            "en": "There is no log checkpoint of this size",
        },
        "certificates.leaf-unknown": {
            "az": "Jurnalda belə qeyd yoxdur",
            "en": "The log has no such entry",
        },
        "certificates.size-outside-log": {
            "az": "Ölçü jurnalın hüdudlarından kənardadır (jurnalda {size} qeyd var)",
            "en": "The size is outside the log (the log holds {size} entries)",
        },
        "certificates.rate-limited": {
            "az": "Dəqiqədə sorğu həddi aşılıb; {seconds} saniyədən sonra yenidən cəhd edin",
            "en": "Too many queries this minute; try again in {seconds} seconds",
        },
        "certificates.query-needs-one": {
            "az": "Seriya nömrəsi və ya açar barmaq izi göstərin",
            "en": "Give a serial number or a key fingerprint",
        },
        "certificates.log-inconsistent": {
            "az": "Reyestr jurnalı yoxlanılmadı; siyahı imzalanmadı, operator xəbərdar edildi",
            "en": "The registry log did not verify; no list was signed and the operator is alerted",
        },
        # notices to the holder (E13)
        "notice.certificate-issued.title": {
            "az": "Elektron imza sertifikatınız verildi",
            "en": "Your e-signature certificate has been issued",
        },
        "notice.certificate-issued.body": {
            "az": "{serial} nömrəli sertifikat {validTo} tarixinədək qüvvədədir.",
            "en": "Certificate {serial} is valid until {validTo}.",
        },
        "notice.certificate-suspended.title": {
            "az": "Sertifikatınızın qüvvəsi dayandırıldı",
            "en": "Your certificate has been suspended",
        },
        "notice.certificate-suspended.body": {
            "az": "{serial} nömrəli sertifikatın qüvvəsi {at} tarixində dayandırıldı.",
            "en": "Certificate {serial} was suspended at {at}.",
        },
        "notice.certificate-active.title": {
            "az": "Sertifikatınızın qüvvəsi bərpa edildi",
            "en": "Your certificate has been restored",
        },
        "notice.certificate-active.body": {
            "az": "{serial} nömrəli sertifikat {at} tarixində yenidən qüvvədədir.",
            "en": "Certificate {serial} is valid again since {at}.",
        },
        "notice.certificate-revoked.title": {
            "az": "Sertifikatınız ləğv edildi",
            "en": "Your certificate has been revoked",
        },
        "notice.certificate-revoked.body": {
            "az": "{serial} nömrəli sertifikat {at} tarixində ləğv edildi (səbəb: {reason}).",
            "en": "Certificate {serial} was revoked at {at} (reason: {reason}).",
        },
        "notice.certificate-expired.title": {
            "az": "Sertifikatınızın müddəti bitdi",
            "en": "Your certificate has expired",
        },
        "notice.certificate-expired.body": {
            "az": "{serial} nömrəli sertifikatın qüvvədəolma müddəti {at} tarixində bitdi.",
            "en": "The validity of certificate {serial} ended at {at}.",
        },
        "notice.certificate-replacement.title": {
            "az": "Sertifikatınız ödənişsiz dəyişdiriləcək",
            "en": "Your certificate will be replaced free of charge",
        },
        "notice.certificate-replacement.body": {
            "az": "Mərkəzin açarı təhlükə altında olduğundan {serial} nömrəli sertifikat ləğv "
            "edildi; yeni sertifikat üçün ödənişsiz müraciətiniz qeydə alındı.",
            "en": "Because the Center's key was compromised, certificate {serial} was revoked; "
            "a free application for a new certificate has been recorded for you.",
        },
        "notice.certificate-application.title": {
            "az": "Sertifikat üzrə müraciətiniz qəbul edildi",
            "en": "Your certificate application has been received",
        },
        "notice.certificate-application.body": {
            "az": "{serial} nömrəli sertifikat üzrə «{action}» müraciətiniz Mərkəzə çatdırıldı.",
            "en": "Your “{action}” application for certificate {serial} has reached the Center.",
        },
    }
)
