//! The web UI's own words in Kazakh, Russian and English. Legal texts are shown as the
//! registry holds them (Kazakh); only the interface is translated.

use crate::model::Lang;

/// A UI string in `lang`.
pub fn t(lang: Lang, key: &str) -> &'static str {
    let (kk, ru, en) = match key {
        "acts" => ("Актілер", "Акты", "Acts"),
        "search" => ("Іздеу", "Поиск", "Search"),
        "search_placeholder" => ("Мәтіннен іздеу…", "Поиск по тексту…", "Search the texts…"),
        "in_force_on" => ("Күшіндегі редакция, күні", "Редакция, действующая на", "In force on"),
        "show" => ("Көрсету", "Показать", "Show"),
        "not_held" => (
            "Тізілімде мәтіні жоқ",
            "Текст в реестре отсутствует",
            "Text not held by the registry",
        ),
        "repealed" => ("Алып тасталды", "Исключён", "Repealed"),
        "pending" => (
            "Күні әлі белгісіз өзгеріс қолданылуы мүмкін",
            "Возможно изменение, дата которого ещё не известна",
            "May already be changed by an amendment whose date is not yet known",
        ),
        "since" => ("бастап", "с", "since"),
        "base_text" => ("бастапқы мәтін", "исходный текст", "base text"),
        "by" => ("өзгерткен акт", "изменён актом", "by"),
        "changes" => ("Өзгерістер", "Изменения", "Changes"),
        "from" => ("бастап", "с", "from"),
        "to" => ("дейін", "по", "to"),
        "no_hits" => ("Ештеңе табылмады", "Ничего не найдено", "Nothing found"),
        "hits" => ("табылды", "найдено", "found"),
        "operations" => ("операция", "операций", "operations"),
        "error" => ("Қате", "Ошибка", "Error"),
        "bad_request" => ("Қате сұрау", "Неверный запрос", "Bad request"),
        "not_found" => ("Табылмады", "Не найдено", "Not found"),
        "unavailable" => ("Қызмет қолжетімсіз", "Сервис недоступен", "Service unavailable"),
        "internal_error" => (
            "Сервердің ішкі қатесі",
            "Внутренняя ошибка сервера",
            "Internal server error",
        ),
        "render_failed" => (
            "Бетті көрсету мүмкін болмады",
            "Не удалось построить страницу",
            "The page could not be rendered",
        ),
        "footer" => (
            "nusqa: Қазақстанның нормативтік актілерінің кез келген күнгі редакциясы",
            "nusqa: нормативные акты Казахстана в редакции на любую дату",
            "nusqa: Kazakhstan's regulatory acts as in force on any date",
        ),
        _ => ("?", "?", "?"),
    };
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The UI's words in one language, for the templates: `{{ t.get("acts") }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(pub Lang);

impl Words {
    /// The word for `key` (see [`t`]).
    pub fn get(&self, key: &str) -> &'static str {
        t(self.0, key)
    }
}

/// The language code used in URLs and `<html lang>`.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk",
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

/// The language a `?lang=` parameter asks for; Kazakh by default.
pub fn parse(s: Option<&str>) -> Lang {
    match s {
        Some("ru") => Lang::Ru,
        Some("en") => Lang::En,
        _ => Lang::Kk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_translated() {
        for key in [
            "acts",
            "search",
            "search_placeholder",
            "in_force_on",
            "show",
            "not_held",
            "repealed",
            "pending",
            "since",
            "base_text",
            "by",
            "changes",
            "from",
            "to",
            "no_hits",
            "hits",
            "operations",
            "error",
            "bad_request",
            "not_found",
            "unavailable",
            "internal_error",
            "render_failed",
            "footer",
        ] {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                assert_ne!(t(lang, key), "?", "{key} in {lang:?}");
            }
        }
        assert_eq!(parse(Some("ru")), Lang::Ru);
        assert_eq!(parse(Some("xx")), Lang::Kk);
    }
}
