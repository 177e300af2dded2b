/// Main-text extraction rules, kept as data apart from the logic in
/// ``HTMLExtractor`` (as trafilatura keeps its XPaths in `xpaths.py`).
///
/// Class and id values are lowercased; "words" are the pieces between
/// non-alphanumeric characters (`article-body__footer` → article, body, footer).
enum ExtractionRules {
    /// Elements dropped with their whole subtree.
    static let removedTags: Set<String> = [
        "script", "style", "noscript", "nav", "footer", "aside", "form", "button", "iframe", "svg",
        "header", "figure", "figcaption", "select", "input", "textarea", "label", "object", "embed",
        "video", "audio", "map", "dialog", "menu", "link", "meta", "head", "title", "picture", "source",
    ]

    /// Elements that end a paragraph.
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "br", "hr",
        "center", "address", "body", "html", "figure", "details", "summary", "caption",
    ]

    /// Paragraph-like elements that carry scoring weight.
    static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote", "dd"]

    /// Class/id words (exact) that mark page furniture.
    static let negativeWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "share", "sharing", "shares", "social", "related", "comment",
        "comments", "footer", "sidebar", "ad", "ads", "adv", "advert", "advertisement", "advertising",
        "promo", "promotion", "newsletter", "cookie", "cookies", "subscribe", "subscription", "breadcrumb",
        "breadcrumbs", "tags", "tag", "byline", "dateline", "meta", "author", "authors", "timestamp", "caption",
        "credit", "credits", "popup", "modal", "toolbar", "masthead", "banner", "sponsored", "sponsor",
        "outbrain", "taboola", "recirc", "recirculation", "trending", "popular", "pagination", "pager",
        "tooltip", "copyright", "rating", "signup", "login", "hidden", "skip", "disclaimer",
        "recommended", "recommendations", "topics", "keywords",
        "byl", "contributor", "bio", "masthead", "rail", "aside", "complementary", "dfp", "gpt", "adslot",
        "adunit", "overlay", "rodape", "pie", "piede", "fusszeile", "werbung", "publicidad", "publicidade", "pub", "teaser", "cta", "sharebar", "follow",
    ]

    /// Class/id substrings that mark page furniture.
    static let negativeSubstrings: [String] = [
        "comment", "sidebar", "footer", "newsletter", "advert", "social", "share", "related", "recommend",
        "breadcrumb", "subscribe", "cookie", "promo", "outbrain", "taboola", "navbar", "navigation", "menu",
        "byline", "caption", "adslot", "adunit", "sponsor", "signup", "popular", "trending", "disqus",
        "paywall-prompt", "author-info", "authorinfo", "article-meta", "post-meta", "entry-meta",
    ]

    /// Furniture that may hold more text than the article (removed even then).
    static let strongNegativeSubstrings: [String] = ["comment", "disqus", "respond", "reply", "replies"]

    /// Class/id substrings that mark the article body.
    static let positiveSubstrings: [String] = [
        "articlebody", "article-body", "article_body", "article__body", "articletext", "article-text",
        "article_text", "article-content", "articlecontent", "article__content", "article_content",
        "story-body", "storybody", "story_body", "story-content", "storycontent", "entry-content",
        "entrycontent", "post-content", "postcontent", "post-body", "postbody", "content-body", "body-text",
        "bodytext", "main-text", "article-main", "rich-text", "richtext", "article__text", "paywall-article",
        "story-text", "storytext", "td-post-content", "single-content", "news-text", "news_text", "text-body",
    ]

    /// Roles that mark furniture.
    static let negativeRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog", "alert", "tablist"]

    /// Short lines (whole paragraph, lowercased prefix) that are furniture.
    static let boilerplateLinePrefixes: [String] = [
        "advertisement", "continue reading", "read more", "sign up", "subscribe", "share this", "follow us",
        "click here", "image copyright", "image caption", "related:", "related articles", "recommended",
        "most read", "most popular", "you may also like", "listen to this", "this article", "copyright ©",
        "© ", "all rights reserved", "photo:", "photograph:", "getty images", "skip to", "sign in", "log in",
        "we use cookies", "see also", "more on this", "download the app", "watch:", "video:", "view comments",
        "comments", "share on", "tweet", "email this", "print this", "advertising", "story continues",
        "関連記事", "関連ニュース", "広告", "기사제보", "무단전재", "저작권자",
    ]

    /// Boilerplate lines are only dropped when at most this many characters.
    static let boilerplateLineMaxLength = 90
}
