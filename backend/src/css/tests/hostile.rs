//! Uploads a hostile integrator (or whoever took over their account) could
//! try. Each must be refused, and for the reason we expect.

use super::assert_refused_because;

const FETCH: &str = "is not allowed: a theme cannot load anything";
const URL: &str = "`url()` is not allowed: a theme cannot load anything";
const ATTRIBUTE: &str = "attribute selectors";
const NOT_DOCUMENTED: &str = "cannot be styled: a theme may only style the widget's documented ids";
const NESTED_TOO_DEEP: &str = "brackets are nested too deeply";
const COMPOUNDS: &str = "use px or rem: em and % compound down the page";
const GROWS_WITH_THE_SCREEN: &str =
    "use px or rem: viewport and container units grow with the screen";

/// `prefix`, then `opener` 3500 times, then `suffix`: deep enough to
/// overflow a 2 MiB stack in lightningcss if it ever reached it.
fn bomb(prefix: &str, opener: &str, suffix: &str) -> String {
    format!("{prefix}{}{suffix}", opener.repeat(3500))
}

macro_rules! hostile {
    ($($name:ident: $input:expr => $reason:expr;)+) => {
        $(
            #[test]
            fn $name() {
                assert_refused_because($input, $reason);
            }
        )+
    };
}

hostile! {
    // Keyloggers: attribute selectors that fetch per typed character.
    keylogger_on_the_search_field_is_refused:
        r#"#input-search-bank[value^="a"] { background-color: red }"# => ATTRIBUTE;
    keylogger_on_any_input_is_refused: "input[value$=x] { color: red }" => ATTRIBUTE;
    password_field_attribute_selector_is_refused: "[name=password] { color: red }" => ATTRIBUTE;
    attribute_selector_under_a_widget_id_is_refused:
        "#background [type=password] { color: red }" => ATTRIBUTE;

    // Everything that fetches, in every spelling.
    url_in_background_is_refused: "#background { background: url(https://evil.example/a.png) }" => URL;
    upper_case_url_is_refused: "#background { background: URL(https://evil.example/a) }" => URL;
    url_with_an_escaped_r_is_refused: r"#background { background: u\72l(https://evil.example/a) }" => URL;
    url_with_an_escaped_u_is_refused: r"#background { background: \75rl(https://evil.example/a) }" => URL;
    url_with_an_escaped_u_and_space_is_refused: r"#background { background: \75 rl(https://evil.example/a) }" => URL;
    url_spelled_entirely_in_escapes_is_refused: r"#background { background: \75\72\6c(x) }" => URL;
    quoted_url_with_spaces_is_refused: r#"#background { background: url( "https://evil.example/a" ) }"# => URL;
    javascript_url_is_refused: r#"#background { background: url("javascript:alert(1)") }"# => URL;
    unquoted_javascript_url_is_refused_even_with_broken_brackets:
        "#background { background: url(javascript:alert(1)) }" => URL;
    url_in_background_image_is_refused: "#bank-box { background-image: url(logo.png) }" => URL;
    url_in_border_image_is_refused: "#bank-box { border-image: url(frame.png) 30 round }" => URL;
    url_in_list_style_is_refused: "#bank-box { list-style: url(dot.png) }" => URL;
    url_in_cursor_is_refused: "#bank-box { cursor: url(hand.cur), auto }" => URL;
    url_in_content_is_refused: "#bank-box { content: url(x.png) }" => URL;
    url_in_mask_is_refused: "#bank-box { mask: url(m.svg) }" => URL;
    url_in_filter_is_refused: "#bank-box { filter: url(#leak) }" => URL;
    url_inside_a_gradient_is_refused: "#background { background: linear-gradient(red, url(x)) }" => URL;
    url_in_an_escaped_property_name_is_refused: r"#background { b\61 ckground: url(x) }" => URL;
    url_in_a_media_query_is_refused: "@media url(x) { #background { color: red } }" => URL;
    image_set_is_refused: r#"#background { background-image: image-set("a.png" 1x) }"# => "`image-set()` ";
    webkit_image_set_is_refused:
        "#background { background-image: -webkit-image-set(url(a.png) 1x) }" => "`-webkit-image-set()` ";
    cross_fade_is_refused:
        "#background { background-image: cross-fade(url(a.png), url(b.png), 50%) }" => "`cross-fade()` ";
    element_function_is_refused: "#background { background: element(#input-password) }" => "`element()` ";
    paint_worklet_is_refused: "#background { background-image: paint(leak) }" => "`paint()` ";
    import_of_a_string_is_refused: r#"@import "https://evil.example/x.css";"# => "`@import` is not allowed";
    import_of_a_url_is_refused: "@import url(https://evil.example/x.css);" => "`@import` is not allowed";
    font_face_is_refused:
        "@font-face { font-family: x; src: url(https://evil.example/x.woff) }" => "`@font-face` is not allowed";
    namespace_is_refused: "@namespace url(http://www.w3.org/1999/xhtml);" => "`@namespace` is not allowed";
    fetches_share_one_reason: "#background { background: url(x) }" => FETCH;

    // Code and indirection.
    custom_property_is_refused: "#background { --brand: red }" => "custom properties (`--brand`) are not allowed";
    var_is_refused: "#background { color: var(--brand) }" => "`var()` is not allowed";
    env_is_refused: "#background { padding: env(safe-area-inset-top) }" => "`env()` is not allowed";
    expression_is_refused: "#background { width: expression(alert(1)) }" => "`expression()` is not allowed: it runs code";
    behavior_is_refused: "#background { behavior: url(x.htc) }" => "`behavior` is not allowed: it runs code";
    moz_binding_is_refused: "#background { -moz-binding: url(x.xml#xss) }" => "`-moz-binding` is not allowed: it runs code";
    calc_is_refused_because_its_bounds_cannot_be_checked:
        "#bank-box { width: calc(100% + 5000px) }" => "`calc()` is not allowed";

    // Overlays and hidden elements.
    position_fixed_is_refused:
        "#bank-box { position: fixed }" => "`position` is not allowed: the widget's layout is fixed";
    z_index_is_refused: "#bank-box { z-index: 9999 }" => "`z-index` is not allowed";
    display_none_is_refused: "#div-select-bank { display: none }" => "`display` is not allowed";
    visibility_hidden_is_refused: "#div-select-bank { visibility: hidden }" => "`visibility` is not allowed";
    opacity_zero_is_refused: "#background { opacity: 0 }" => "`opacity` is not allowed: it could hide the widget";
    transform_is_refused: "#bank-box { transform: translateY(-200px) }" => "`transform` is not allowed";
    huge_negative_margin_is_refused:
        "#div-select-bank { margin-top: -9999px }" => "negative lengths could move parts of the widget";
    clip_path_is_refused: "#background { clip-path: inset(50%) }" => "`clip-path` is not allowed";
    zero_font_size_is_refused: "#background { font-size: 0 }" => "`font-size` is out of range";
    transparent_text_is_refused: "#background { color: transparent }" => "transparent text is not allowed";
    nearly_transparent_text_is_refused:
        "#background { color: rgb(0 0 0 / 5%) }" => "transparent text is not allowed";
    thick_line_through_over_all_text_is_refused:
        "#background { text-decoration: line-through 40px black }" => "is out of range";
    inset_offsets_are_refused: "#bank-box { top: 0 }" => "`top` is not allowed";
    oversized_width_is_refused: "#bank-box { width: 5000px }" => "is out of range";
    resetting_everything_is_refused: "#background { all: unset }" => "`all` is not allowed";
    pointer_events_are_refused: "#background { pointer-events: none }" => "`pointer-events` is not allowed";
    animations_are_refused: "#bank-box { animation: spin 1s infinite }" => "themes cannot animate";
    transitions_are_refused: "#bank-box { transition: all 1s }" => "themes cannot animate";
    huge_shadow_spread_is_refused:
        "#bank-box { box-shadow: 0 0 0 5000px white }" => "`box-shadow` is out of range";

    // Pseudo-elements.
    before_with_content_is_refused:
        r#"#bank-box::before { content: "Enter your PIN" }"# => "`::before` is not allowed";
    content_is_refused_even_on_an_allowed_selector:
        r#"#bank-box { content: "Enter your PIN" }"# => "`content` is not allowed: a theme cannot add text";
    after_is_refused: "#bank-box::after { color: red }" => "`::after` is not allowed";
    placeholder_elsewhere_is_refused:
        "#bank-box::placeholder { color: red }" => "`::placeholder` is only allowed on `#input-search-bank`";

    // Elements outside the bank list.
    login_form_is_refused: "#div-login { color: red }" => NOT_DOCUMENTED;
    password_field_is_refused: "#input-password { color: red }" => NOT_DOCUMENTED;
    connect_button_is_refused: "#button-connect { color: red }" => NOT_DOCUMENTED;
    sca_step_is_refused: "#div-sca { color: red }" => NOT_DOCUMENTED;
    password_field_under_the_background_is_refused: "#background #input-password { color: red }" => NOT_DOCUMENTED;
    class_selector_is_refused: ".bank-box { color: red }" => "class selectors (`.bank-box`) are not allowed";
    class_on_a_widget_id_is_refused: "#bank-box.active { color: red }" => "class selectors";
    type_selector_is_refused: "input { color: red }" => "type selectors (`input`) are not allowed";
    universal_selector_is_refused: "* { color: red }" => "the universal selector `*` is not allowed";
    not_is_refused: "#bank-box:not(:hover) { color: red }" => "`:not()` is not allowed";
    has_is_refused: "#background:has(#input-search-bank:focus) { color: red }" => "`:has()` is not allowed";
    nth_child_is_refused: "#bank-box:nth-child(2) { color: red }" => "`:nth-";
    checked_is_refused: "#input-search-bank:checked { color: red }" => "`:checked` is not allowed";
    sibling_combinator_is_refused: "#bank-box + #bank-box { color: red }" => "sibling combinators";
    selector_without_an_id_is_refused: ":hover { color: red }" => "must name one of the widget's ids";
    two_ids_in_one_part_is_refused: "#background#bank-box { color: red }" => "only one id";

    // Nesting.
    nesting_with_ampersand_is_refused:
        "#background { & #bank-box { color: red } }" => "nested rules are not allowed";
    implicitly_nested_rule_is_refused: "#background { #bank-box { color: red } }" => "nested rules are not allowed";
    top_level_ampersand_is_refused: "& #bank-box { color: red }" => "nesting (`&`) is not allowed";

    // At-rules other than a top-level @media.
    keyframes_are_refused: "@keyframes spin { to { color: red } }" => "`@keyframes` is not allowed";
    supports_is_refused: "@supports (display: grid) { #background { color: red } }" => "`@supports` is not allowed";
    layer_is_refused: "@layer theme { #background { color: red } }" => "`@layer` is not allowed";
    property_rule_is_refused: "@property --x { syntax: '*'; inherits: false }" => "`@property` is not allowed";
    page_is_refused: "@page { margin: 0 }" => "`@page` is not allowed";
    counter_style_is_refused: "@counter-style x { system: cyclic }" => "`@counter-style` is not allowed";
    container_is_refused:
        "@container (min-width: 1px) { #background { color: red } }" => "`@container` is not allowed";
    scope_is_refused: "@scope (#background) { #bank-box { color: red } }" => "`@scope` is not allowed";
    starting_style_is_refused: "@starting-style { #background { color: red } }" => "`@starting-style` is not allowed";
    document_is_refused: "@document url-prefix() { #background { color: red } }" => "`@document` is not allowed";
    moz_document_is_refused:
        "@-moz-document url-prefix() { #background { color: red } }" => "`@-moz-document` is not allowed";
    unknown_at_rule_is_refused: "@evil { #background { color: red } }" => "`@evil` is not allowed";
    media_inside_media_is_refused:
        "@media screen { @media (min-width: 1px) { #background { color: red } } }" => "inside `@media`";
    font_face_inside_media_is_refused:
        "@media screen { @font-face { font-family: x } }" => "`@font-face` is not allowed";

    // Brackets, strings and comments, before any parsing.
    curly_bracket_bomb_is_refused: "{".repeat(1000) => NESTED_TOO_DEEP;
    parenthesis_bomb_is_refused: format!("#background {{ color: {} }}", "(".repeat(1000)) => NESTED_TOO_DEEP;
    square_bracket_bomb_is_refused: format!("#background{}", "[".repeat(1000)) => NESTED_TOO_DEEP;
    mixed_bracket_bomb_is_refused: "{([".repeat(400) => NESTED_TOO_DEEP;
    function_bomb_is_refused: format!("#background {{ width: {} }}", "calc(".repeat(1000)) => NESTED_TOO_DEEP;
    nine_levels_are_refused: format!("#background {{ color: {}1{} }}", "(".repeat(8), ")".repeat(8)) => NESTED_TOO_DEEP;
    stray_closing_bracket_is_refused: "#background { color: red ) }" => "`)` closes nothing";
    mismatched_bracket_is_refused: "#background { color: rgb(0 0 0 }" => "is not closed before this `}`";
    unclosed_block_is_refused: "#background { color: red" => "this `{` is never closed";
    unclosed_string_is_refused: "#background { font-family: \"Arial\n}" => "this string is not closed";
    unclosed_comment_is_refused: "#background { color: red } /* the end" => "this comment is never closed";
    content_hiding_a_bracket_in_a_string_is_refused_for_content:
        r#"#bank-box { content: "{" }"# => "`content` is not allowed";
    string_full_of_brackets_does_not_hide_a_property:
        r#"#background { font-family: "}}}"; position: fixed }"# => "`position` is not allowed";
    comment_full_of_brackets_does_not_hide_a_property:
        "#background { /* { ( [ */ color: red; position: fixed }" => "`position` is not allowed";

    // After whitespace inside `url(`, cssparser no longer treats `\` as an
    // escape: the URL is bad and ends at the next `)`. A tokenizer that
    // thought `\)` still escaped would hide the bomb behind it (the
    // security review's input); one that thought `\\)` ended the URL would
    // hide it in a string that cssparser never sees. Each must be refused,
    // and must not abort the test process.
    reviewers_url_escape_after_whitespace_bomb_is_refused:
        bomb(r"#background{color:red;x:url(a \);", "a{", ")}") => NESTED_TOO_DEEP;
    doubled_backslash_after_whitespace_in_a_url_bomb_is_refused:
        bomb(r#"#background{color:red;x:url(a \\)" )"#, "a{", "") => NESTED_TOO_DEEP;
    url_escape_after_a_tab_bomb_is_refused:
        bomb("#background{x:url(a\t\\);", "a{", ")}") => NESTED_TOO_DEEP;
    url_escape_after_a_newline_bomb_is_refused:
        bomb("#background{x:url(a\n\\);", "a{", ")}") => NESTED_TOO_DEEP;
    url_escape_after_crlf_and_form_feed_bomb_is_refused:
        bomb("#background{x:url(a\r\n\x0C \\);", "a{", ")}") => NESTED_TOO_DEEP;
    url_escape_after_leading_and_trailing_whitespace_bomb_is_refused:
        bomb(r"#background{x:url(  a  \);", "a{", ")}") => NESTED_TOO_DEEP;
    url_escape_after_a_hex_escape_and_space_bomb_is_refused:
        bomb(r"#background{x:url(\61  \);", "a{", ")}") => NESTED_TOO_DEEP;
    url_escape_bomb_of_nested_functions_is_refused:
        bomb(r"#background{color:red;x:url(a \);", "rgb(", "") => NESTED_TOO_DEEP;
    url_escape_inside_a_gradient_bomb_is_refused:
        bomb(r"#background{background:linear-gradient(url(a \)", "a(", "") => NESTED_TOO_DEEP;
    url_escape_bomb_of_square_brackets_is_refused:
        bomb(r"#background{x:url(a \);", "[", "") => NESTED_TOO_DEEP;
    bad_url_bomb_in_a_selector_is_refused:
        bomb(r"#background:x(url(a \)", ":is(", "{}") => NESTED_TOO_DEEP;

    // Lengths that compound: each nested id multiplies its parent's size.
    reviewers_compounding_font_size_and_outline_are_refused:
        "#background{font-size:96px}#div-select-bank{font-size:6em}\
         #title-select-bank{font-size:6em;outline:3em solid #fff}" => COMPOUNDS;
    em_font_size_is_refused: "#div-select-bank { font-size: 2em }" => COMPOUNDS;
    percent_font_size_is_refused: "#div-select-bank { font-size: 600% }" => COMPOUNDS;
    viewport_font_size_is_refused: "#div-select-bank { font-size: 5vw }" => GROWS_WITH_THE_SCREEN;
    relative_font_size_keyword_is_refused:
        "#div-select-bank { font-size: larger }" => "relative sizes compound down the page";
    em_outline_is_refused: "#title-select-bank { outline: 3em solid #fff }" => COMPOUNDS;
    em_border_width_is_refused: "#bank-box { border: 2ex solid red }" => COMPOUNDS;
    em_padding_is_refused: "#bank-box { padding: 1em }" => COMPOUNDS;
    percent_margin_is_refused: "#bank-box { margin: 10% }" => COMPOUNDS;
    percent_underline_thickness_is_refused:
        "#bank-box { text-decoration-thickness: 10% }" => COMPOUNDS;
    ch_width_is_refused: "#bank-box { width: 30ch }" => COMPOUNDS;
    lh_height_is_refused: "#bank-box { height: 3lh }" => COMPOUNDS;
    em_letter_spacing_is_refused: "#bank-box { letter-spacing: 1em }" => COMPOUNDS;
    em_line_height_is_refused: "#bank-box { line-height: 3em }" => COMPOUNDS;
    percent_line_height_is_refused: "#bank-box { line-height: 300% }" => COMPOUNDS;
    em_in_the_font_shorthand_is_refused: "#bank-box { font: 6em/1 serif }" => COMPOUNDS;
    em_shadow_is_refused: "#bank-box { box-shadow: 0 0 0 3em #fff }" => COMPOUNDS;
    em_text_shadow_is_refused: "#bank-box { text-shadow: 0 0 2em #fff }" => COMPOUNDS;
    em_inside_a_gradient_is_refused:
        "#bank-box { background: linear-gradient(red 2em, blue) }" => COMPOUNDS;
    viewport_width_is_refused: "#bank-box { width: 100vw }" => GROWS_WITH_THE_SCREEN;
    dynamic_viewport_height_is_refused: "#bank-box { min-height: 100dvh }" => GROWS_WITH_THE_SCREEN;
    container_units_are_refused: "#bank-box { width: 50cqw }" => GROWS_WITH_THE_SCREEN;
    points_are_refused_for_px: "#bank-box { width: 12pt }" => "is not allowed: use px or rem";
    rem_beyond_the_bound_is_refused: "#bank-box { width: 70rem }" => "is out of range";
    rem_font_size_beyond_the_bound_is_refused: "#bank-box { font-size: 7rem }" => "`font-size` is out of range";

    // Properties that only style form controls, which #background's reach.
    caret_color_is_refused: "#background { caret-color: transparent }" => "`caret-color` is not allowed: it only styles form controls";
    accent_color_is_refused: "#background { accent-color: red }" => "`accent-color` is not allowed: it only styles form controls";

    nul_byte_is_refused: "#background { color: red }\0" => "NUL characters are not allowed";
    invalid_utf8_is_refused: b"#background { color: \xff }".as_slice() => "not valid UTF-8";
}
