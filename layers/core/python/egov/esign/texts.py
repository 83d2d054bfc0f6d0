"""Every text of the e-signature service meant for a person, Azerbaijani first (DESIGN rule 12):
problem titles and details, field rules, statuses and the applicant's notices. Registered once,
on import of `egov.esign.records`, which every module of the service imports."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        # service 2: change of the initial application's data (egov.esign.changes)
        "esign.change.certificate-unknown": {
            "az": "Sizə verilmiş belə sertifikat yoxdur",
            "en": "No such certificate has been issued to you",
        },
        "esign.change.certificate-ended": {
            "az": "Sertifikatın vəziyyəti «{status}» olduğu üçün məlumatlar artıq dəyişdirilə "
            "bilməz",
            "en": "The data can no longer be changed: the certificate is “{status}”",
        },
        "esign.change.fixed-field": {
            "az": "Bu məlumat sertifikata daxildir və ya səfirlikdə sənədlərin əsli ilə "
            "yoxlanılıb; onu dəyişmək üçün yeni sertifikat üçün müraciət edin",
            "en": "This is part of the certificate or was checked against the originals at the "
            "embassy; to change it, apply for a new certificate",
        },
        "esign.data-changed.title": {
            "az": "Ərizə məlumatlarınız dəyişdirildi",
            "en": "Your application data have been changed",
        },
        "esign.data-changed.body": {
            "az": "{serial} seriya nömrəli sertifikatınız üzrə {number} nömrəli ərizənin "
            "məlumatları sizin müraciətinizlə dəyişdirildi. Bunu siz etməmisinizsə, dərhal "
            "Mərkəzə müraciət edin.",
            "en": "At your request the data of application {number} for your certificate "
            "{serial} have been changed. If this was not you, contact the Center at once.",
        },
    }
)
