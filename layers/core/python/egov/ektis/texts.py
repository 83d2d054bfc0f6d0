"""The texts of EKTİS (az first, en too), registered once at import."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        "ektis.subject.taken": {
            "az": "Bu FİN və ya VÖEN ilə subyekt artıq qeydiyyatdadır",
            "en": "A subject with this FIN or VÖEN is already registered",
        },
        "ektis.subject.exists": {
            "az": "Sizin artıq EKTİS-də qeydiyyatınız var",
            "en": "You already have an EKTİS registration",
        },
        "ektis.subject.missing": {
            "az": "Əvvəlcə EKTİS-də subyekt kimi qeydiyyatdan keçin",
            "en": "Register as an EKTİS subject first",
        },
        "ektis.subject.needs-fin": {
            "az": "Fiziki şəxs üçün FİN tələb olunur",
            "en": "A person is registered with a FIN",
        },
        "ektis.subject.needs-voen": {
            "az": "Hüquqi şəxs üçün VÖEN tələb olunur",
            "en": "A legal entity is registered with a VÖEN",
        },
        "ektis.subject.liquidated": {
            "az": "Bu VÖEN üzrə hüquqi şəxs ləğv olunub",
            "en": "The legal entity of this VÖEN has been liquidated",
        },
        "ektis.parcel.cadastre-taken": {
            "az": "Bu kadastr nömrəsi ilə torpaq sahəsi artıq qeydiyyatdadır",
            "en": "A parcel with this cadastre number is already registered",
        },
        "ektis.parcel.missing": {
            "az": "Torpaq sahəsi tapılmadı",
            "en": "No such land parcel",
        },
        "ektis.parcel.changed": {
            "az": "Qonşu sahə eyni vaxtda dəyişdirilib; yenidən cəhd edin",
            "en": "A neighbouring parcel changed at the same time; please try again",
        },
        "ektis.geometry.type": {
            "az": "Sahənin həndəsəsi GeoJSON Polygon olmalıdır",
            "en": "The parcel's geometry must be a GeoJSON Polygon",
        },
        "ektis.geometry.ring-short": {
            "az": "Çoxbucaqlının hər konturu ən azı 4 nöqtədən ibarət olmalıdır",
            "en": "Every ring of the polygon needs at least 4 positions",
        },
        "ektis.geometry.not-closed": {
            "az": "Kontur qapalı deyil: ilk və son nöqtə eyni olmalıdır",
            "en": "The ring is not closed: its first and last positions must be the same",
        },
        "ektis.geometry.position": {
            "az": "Hər nöqtə [uzunluq, en] cütüdür (dərəcə ilə)",
            "en": "Every position is a [longitude, latitude] pair in degrees",
        },
        "ektis.geometry.outside": {
            "az": "Sahə Azərbaycanın ərazisindən kənardadır",
            "en": "The parcel lies outside Azerbaijan",
        },
        "ektis.geometry.self-intersecting": {
            "az": "Sahənin sərhədi özü-özünü kəsir ({where})",
            "en": "The parcel's boundary crosses itself ({where})",
        },
        "ektis.geometry.invalid": {
            "az": "Sahənin həndəsəsi düzgün deyil ({reason})",
            "en": "The parcel's geometry is not valid ({reason})",
        },
        "ektis.geometry.too-large": {
            "az": "Sahə bir torpaq sahəsi üçün çox genişdir; onu hissələrə bölün",
            "en": "The polygon spans too wide an area for one parcel; split it",
        },
        "ektis.geometry.area-mismatch": {
            "az": "Xəritədəki sahə ({computedHa} ha) bəyan edilən sahədən ({declaredHa} ha) "
            "icazə veriləndən ({toleranceHa} ha) çox fərqlənir",
            "en": "The mapped area ({computedHa} ha) differs from the declared area "
            "({declaredHa} ha) by more than the tolerance ({toleranceHa} ha)",
        },
        "ektis.bbox.invalid": {
            "az": "Sərhəd qutusu: minUzunluq,minEn,maksUzunluq,maksEn (dərəcə ilə)",
            "en": "The bounding box is minLon,minLat,maxLon,maxLat in degrees",
        },
        "ektis.bbox.too-large": {
            "az": "Sərhəd qutusu çox böyükdür ({cells} xana, ən çox {limit}); xəritəni böyüdün",
            "en": "The bounding box is too large ({cells} cells, at most {limit}); zoom in",
        },
    }
)
