//! Realistic themes are accepted, and their output is stable.

use super::accepted_and_stable;
use crate::css::CssViolation;

/// Every theme in `tests/themes/`, by name.
pub(super) const THEMES: &[(&str, &str)] = &[
    ("seed_guide", include_str!("themes/seed_guide.css")),
    ("dark", include_str!("themes/dark.css")),
    ("brand_gradient", include_str!("themes/brand_gradient.css")),
    ("rounded_tiles", include_str!("themes/rounded_tiles.css")),
    ("small_screens", include_str!("themes/small_screens.css")),
    ("hover_focus", include_str!("themes/hover_focus.css")),
    ("placeholder", include_str!("themes/placeholder.css")),
    ("shadows", include_str!("themes/shadows.css")),
    ("system_fonts", include_str!("themes/system_fonts.css")),
    ("high_contrast", include_str!("themes/high_contrast.css")),
    ("minimal", include_str!("themes/minimal.css")),
    ("bank_logos", include_str!("themes/bank_logos.css")),
    ("compact", include_str!("themes/compact.css")),
    ("pastel", include_str!("themes/pastel.css")),
    ("outlined", include_str!("themes/outlined.css")),
    ("typography", include_str!("themes/typography.css")),
    (
        "disabled_states",
        include_str!("themes/disabled_states.css"),
    ),
    (
        "comments_and_whitespace",
        include_str!("themes/comments_and_whitespace.css"),
    ),
];

#[test]
fn every_realistic_theme_is_accepted_and_stable() {
    assert!(THEMES.len() >= 15);
    for (name, css) in THEMES {
        let accepted = accepted_and_stable(css);
        assert!(!accepted.css.is_empty(), "{name}");
        assert!(!accepted.css.contains('\n'), "{name}: {}", accepted.css);
        assert!(
            !accepted.css.contains("!important"),
            "{name}: {}",
            accepted.css
        );
    }
}

#[test]
fn only_the_seed_guide_uses_important() {
    for (name, css) in THEMES {
        let notes = accepted_and_stable(css).notes;
        assert_eq!(
            notes.is_empty(),
            *name != "seed_guide",
            "{name}: {notes:#?}"
        );
    }
}

/// The example from the integration guide, which integrators copy as is.
#[test]
fn the_seed_guides_example_is_accepted_with_its_important_dropped() {
    let accepted = accepted_and_stable(include_str!("themes/seed_guide.css"));
    assert_eq!(
        accepted.css,
        "#title-select-bank{color:#78281f}#background{background:#cd5c5c}#div-select-bank{background:#f5f5f5}\
         #input-search-bank{background:#fadbd9}#bank-box{background:#fadbd9}#bank-img{background:0 0}"
    );
    let note =
        "`!important` is not needed: your theme loads after the widget's and wins; it was removed";
    assert_eq!(
        accepted.notes,
        [
            CssViolation {
                line: 2,
                column: 1,
                reason: note.to_owned(),
                text: "color: #78281f !important".to_owned(),
            },
            CssViolation {
                line: 11,
                column: 1,
                reason: note.to_owned(),
                text: "background: #fadbd9 !important".to_owned(),
            },
        ]
    );
}

#[test]
fn media_queries_keep_their_rules() {
    let accepted = accepted_and_stable(include_str!("themes/small_screens.css"));
    assert!(
        accepted
            .css
            .contains("@media (width<=600px){#div-select-bank{"),
        "{}",
        accepted.css
    );
}

#[test]
fn placeholder_colour_is_kept_on_the_search_field() {
    let accepted = accepted_and_stable(include_str!("themes/placeholder.css"));
    assert!(
        accepted
            .css
            .contains("#input-search-bank::placeholder{color:#6b7280"),
        "{}",
        accepted.css
    );
}

#[test]
fn comments_are_dropped_from_the_output() {
    let accepted = accepted_and_stable(include_str!("themes/comments_and_whitespace.css"));
    assert_eq!(
        accepted.css,
        "#background{background-color:#fff7ed}#title-select-bank{color:#9a3412;font-family:Trebuchet MS,sans-serif}\
         #bank-box{border:1px solid #fdba74}"
    );
}
