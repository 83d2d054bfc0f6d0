"""The texts of reconciliation and reports (A10), az first, en too; registered once at import."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        "ektis.report.period": {
            "az": "Dövr düzgün deyil: son ay ilk aydan əvvəl ola bilməz, dövr 5 ildən uzun olmamalıdır",
            "en": "The period is invalid: the last month cannot precede the first, and a period is "
            "at most 5 years",
        },
        "ektis.report.region": {
            "az": "Belə rayon kodu yoxdur (ISO 3166-2:AZ)",
            "en": "There is no such district code (ISO 3166-2:AZ)",
        },
        "ektis.report.dimension": {
            "az": "Qrafik yalnız hesabatın qruplaşdırıldığı ölçü üzrə qurula bilər",
            "en": "A chart can only be drawn by a dimension the report is grouped by",
        },
        "ektis.report.missing": {
            "az": "Hesabat tapılmadı",
            "en": "The report was not found",
        },
        "ektis.report.not-ready": {
            "az": "Hesabat hələ hazır deyil; gedişatını hesabatın öz ünvanı göstərir",
            "en": "The report is not ready yet; the report itself shows its progress",
        },
        "ektis.correction.field": {
            "az": "Bu sahə düzəldilə bilməz: date, invoiceNumber, lines[N].quantity, "
            "lines[N].unit və ya lines[N].priceAzn",
            "en": "This field cannot be corrected: date, invoiceNumber, lines[N].quantity, "
            "lines[N].unit or lines[N].priceAzn",
        },
        "ektis.correction.before": {
            "az": "Düzəlişin 'əvvəl' dəyəri qeyddəki dəyərlə üst-üstə düşmür",
            "en": "The correction's 'before' does not match the record",
        },
        "ektis.correction.value": {
            "az": "Düzəlişin yeni dəyəri bu sahə üçün yararsızdır",
            "en": "The correction's new value is not valid for this field",
        },
        # What each mismatch means, in the report and its CSV.
        "ektis.mismatch.parcel-not-in-cadastre": {
            "az": "Bəyan edilmiş sahə torpaq kadastrında yoxdur",
            "en": "The declared parcel is not in the land cadastre",
        },
        "ektis.mismatch.parcel-area-exceeds-cadastre": {
            "az": "Bəyan edilmiş sahə kadastrdakı sahədən böyükdür",
            "en": "The declared area exceeds the cadastre's area",
        },
        "ektis.mismatch.parcel-category-differs": {
            "az": "Torpağın kateqoriyası kadastrdakından fərqlidir",
            "en": "The land category differs from the cadastre's",
        },
        "ektis.mismatch.parcel-holder-differs": {
            "az": "Kadastrda sahənin hüquq sahibi başqa şəxsdir",
            "en": "The cadastre names another right holder",
        },
        "ektis.mismatch.animals-declared-not-held": {
            "az": "Bəyannamədəki baş sayı heyvandarlıq reyestrindən (hərəkətlərdən sonra) çoxdur",
            "en": "The declaration states more head than the livestock registry holds after "
            "movements",
        },
        "ektis.mismatch.purchase-without-sale": {
            "az": "Tədarükçünün alışına uyğun fermer satışı yoxdur",
            "en": "The procurer's purchase has no matching sale by the farmer",
        },
        "ektis.mismatch.sale-without-purchase": {
            "az": "Fermerin satışına uyğun tədarükçü alışı yoxdur",
            "en": "The farmer's sale has no matching purchase by the procurer",
        },
        "ektis.mismatch.purchase-sale-quantity-differs": {
            "az": "Alış və satışın miqdarı fərqlidir",
            "en": "The purchased and sold quantities differ",
        },
        "ektis.report.chart-title": {
            "az": "{measure}: {dimension} üzrə, {from} – {to}",
            "en": "{measure} by {dimension}, {from} – {to}",
        },
    }
)
