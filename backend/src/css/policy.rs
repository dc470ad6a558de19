//! The policy on parsed stylesheets: which rules and selectors a theme may
//! contain, parser warnings turned into violations, `!important` dropped, and
//! the minified output written and checked once more as plain text.

use std::collections::HashSet;
use std::sync::{Arc, RwLock};

use bankport_shared::css::CssViolation;
use lightningcss::error::{Error, ParserError, SelectorError};
use lightningcss::properties::Property;
use lightningcss::rules::style::StyleRule;
use lightningcss::rules::{CssRule, CssRuleList, Location};
use lightningcss::selector::{Combinator, Component, PseudoClass, PseudoElement, Selector};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::vendor_prefix::VendorPrefix;

use super::prescan::Outline;
use super::properties;
use super::source::{Source, Violations, at_start};
use super::{Accepted, FORBIDDEN_OUTPUT};

/// The ids the link widget documents for theming (PRODUCT.md §8). Everything
/// else — the login form, the SCA step, the consent text — cannot be styled.
pub(crate) const WIDGET_IDS: [&str; 6] = [
    "background",
    "div-select-bank",
    "title-select-bank",
    "input-search-bank",
    "bank-box",
    "bank-img",
];
/// Most style rules in a theme, counting those inside `@media`.
pub(crate) const MAX_RULES: usize = 200;
/// Most selectors in one rule.
pub(crate) const MAX_SELECTORS: usize = 10;
/// Most declarations in one rule.
pub(crate) const MAX_DECLARATIONS: usize = 50;

const ALLOWED_PSEUDO_CLASSES: &str =
    ":hover, :focus, :focus-visible, :focus-within, :active and :disabled";
const IMPORTANT_NOTE: &str =
    "`!important` is not needed: your theme loads after the widget's and wins; it was removed";
/// Parses text that passed the prescan, applies the policy and prints it.
pub(crate) fn check(source: &Source<'_>, outline: &Outline) -> Result<Accepted, Violations> {
    let warnings = Arc::new(RwLock::new(Vec::new()));
    let options = ParserOptions {
        error_recovery: true,
        warnings: Some(Arc::clone(&warnings)),
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(source.text, options)
        .map_err(|error| Violations::from(parse_error(source, &error)))?;

    let mut review = Review {
        source,
        outline,
        violations: Violations::default(),
        notes: Vec::new(),
        used: outline
            .blocks
            .iter()
            .map(|block| vec![false; block.declarations.len()])
            .collect(),
        style_rules: 0,
    };
    let unknown_at_rules = unknown_at_rule_names(&sheet.rules);
    if let Ok(warnings) = warnings.read() {
        for warning in warnings.iter() {
            review.warning(warning, &unknown_at_rules);
        }
    }
    review.top_level(&mut sheet.rules);
    if !review.violations.is_empty() {
        return Err(review.violations);
    }

    drop_important(&mut sheet.rules);
    // `/*! … */` comments would be copied to the output verbatim.
    sheet.license_comments.clear();
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|_| Violations::from(at_start("this stylesheet could not be written back out")))?;
    let css = printed.code;
    let lower = css.to_ascii_lowercase();
    if let Some(found) = FORBIDDEN_OUTPUT
        .iter()
        .find(|found| lower.contains(**found))
    {
        return Err(Violations::from(at_start(format!(
            "the checked stylesheet still contains `{found}`, which a theme may never contain"
        ))));
    }
    Ok(Accepted {
        css,
        notes: review.notes,
    })
}

struct Review<'a> {
    source: &'a Source<'a>,
    outline: &'a Outline,
    violations: Violations,
    notes: Vec<CssViolation>,
    /// Per outline block, the declarations already matched to a property.
    used: Vec<Vec<bool>>,
    style_rules: usize,
}

impl Review<'_> {
    fn at(&self, location: &Location) -> usize {
        self.source.offset_of(location.line, location.column)
    }

    fn push(&mut self, offset: usize, reason: impl Into<String>, text: &str) {
        let source = self.source;
        self.violations
            .push(|| source.violation(offset, reason, text));
    }

    fn warning(&mut self, warning: &Error<ParserError<'_>>, unknown_at_rules: &HashSet<String>) {
        let reason = match &warning.kind {
            // The rule is kept; the selector check names the pseudo-class or -element.
            ParserError::SelectorError(
                SelectorError::UnsupportedPseudoClass(_)
                | SelectorError::UnsupportedPseudoElement(_),
            ) => return,
            // Kept as an unknown rule, which the rule check names.
            ParserError::AtRuleInvalid(name) if unknown_at_rules.contains(name.as_ref()) => {
                return;
            }
            kind => warning_reason(kind),
        };
        // Finding the offset reads the line: only for the violations kept.
        let source = self.source;
        self.violations.push(|| {
            let offset = warning
                .loc
                .as_ref()
                .map_or(0, |loc| source.offset_of(loc.line, loc.column));
            source.violation(offset, reason, source.rest_of_line(offset))
        });
    }

    fn top_level(&mut self, rules: &mut CssRuleList<'_>) {
        for rule in &mut rules.0 {
            match rule {
                CssRule::Style(style) => self.style_rule(style),
                CssRule::Media(media) => {
                    for reason in properties::find_in_media(&mut media.query) {
                        self.push_at_rule(Some(media.loc), reason);
                    }
                    for inner in &mut media.rules.0 {
                        match inner {
                            CssRule::Style(style) => self.style_rule(style),
                            CssRule::Media(nested) => self.push_at_rule(
                                Some(nested.loc),
                                "`@media` inside `@media` is not allowed: write each @media at the top level",
                            ),
                            other => self.forbidden_rule(other),
                        }
                    }
                }
                other => self.forbidden_rule(other),
            }
        }
    }

    fn forbidden_rule(&mut self, rule: &CssRule<'_>) {
        self.push_at_rule(rule_location(rule), at_rule_reason(rule));
    }

    /// A violation at a rule (at 1:1 without a location), its prelude as the
    /// excerpt. Finding the offset reads the line: only for the violations kept.
    fn push_at_rule(&mut self, location: Option<Location>, reason: impl Into<String>) {
        let source = self.source;
        self.violations.push(|| {
            let offset = location.map_or(0, |location| {
                source.offset_of(location.line, location.column)
            });
            source.violation(offset, reason, source.prelude_at(offset))
        });
    }

    fn style_rule(&mut self, rule: &mut StyleRule<'_>) {
        self.style_rules += 1;
        // The sheet is refused for its count alone; checking thousands more
        // rules (each finds its line) would only cost time.
        if self.style_rules > MAX_RULES + 1 {
            return;
        }
        let offset = self.at(&rule.loc);
        let block = self.outline.block_after(offset);
        let prelude = self.source.prelude_at(offset);
        if self.style_rules == MAX_RULES + 1 {
            self.push(
                offset,
                format!("too many rules: a theme may have at most {MAX_RULES} (counting those inside @media)"),
                prelude,
            );
        }
        if rule.selectors.0.len() > MAX_SELECTORS {
            self.push(
                offset,
                format!(
                    "too many selectors in one rule: at most {MAX_SELECTORS} (this rule has {})",
                    rule.selectors.0.len()
                ),
                prelude,
            );
        }
        let mut reasons = Vec::new();
        for selector in &rule.selectors.0 {
            for reason in selector_reasons(selector) {
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
        }
        for reason in reasons {
            self.push(offset, reason, prelude);
        }

        let declarations = &mut rule.declarations;
        let count = declarations.declarations.len() + declarations.important_declarations.len();
        if count > MAX_DECLARATIONS {
            self.push(
                offset,
                format!("too many declarations in one rule: at most {MAX_DECLARATIONS} (this rule has {count})"),
                prelude,
            );
        }
        for property in &mut declarations.declarations {
            self.declaration(property, false, block, offset);
        }
        for property in &mut declarations.important_declarations {
            let at = self.declaration(property, true, block, offset);
            let text = at.map_or(prelude, |(start, end)| &self.source.text[start..end]);
            let note =
                self.source
                    .violation(at.map_or(offset, |(start, _)| start), IMPORTANT_NOTE, text);
            self.notes.push(note);
        }

        for nested in &rule.rules.0 {
            self.push_at_rule(
                Some(rule_location(nested).unwrap_or(rule.loc)),
                "nested rules are not allowed: write every rule at the top level (or inside a top-level @media)",
            );
        }
    }

    /// Checks one declaration, reported where it sits in the text (or at
    /// its rule when it cannot be found); returns its byte range.
    fn declaration(
        &mut self,
        property: &mut Property<'_>,
        important: bool,
        block: Option<usize>,
        rule_offset: usize,
    ) -> Option<(usize, usize)> {
        let at = block
            .and_then(|block| self.find_declaration(block, &properties::name(property), important));
        let reasons = properties::check(property);
        if !reasons.is_empty() {
            let (offset, text) = match at {
                Some((start, end)) => (start, self.source.text[start..end].to_owned()),
                None => (
                    rule_offset,
                    property
                        .to_css_string(important, PrinterOptions::default())
                        .unwrap_or_default(),
                ),
            };
            for reason in reasons {
                self.push(offset, reason, &text);
            }
        }
        at
    }

    /// The first declaration of the block not yet matched with this name.
    fn find_declaration(
        &mut self,
        block: usize,
        name: &str,
        important: bool,
    ) -> Option<(usize, usize)> {
        let declarations = &self.outline.blocks.get(block)?.declarations;
        // Such a rule is refused anyway; keep the search linear in the text.
        if declarations.len() > 4 * MAX_DECLARATIONS {
            return None;
        }
        let used = self.used.get_mut(block)?;
        let index = declarations
            .iter()
            .zip(used.iter())
            .position(|(declaration, &used)| {
                !used
                    && declaration.important == important
                    && (declaration.name == name
                        || without_vendor_prefix(&declaration.name) == name)
            })?;
        used[index] = true;
        let declaration = &declarations[index];
        Some((declaration.start, declaration.end))
    }
}

fn without_vendor_prefix(name: &str) -> &str {
    ["-webkit-", "-moz-", "-ms-", "-o-"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name)
}

/// Names of unknown at-rules lightningcss kept as rules (it also warns about them).
fn unknown_at_rule_names(rules: &CssRuleList<'_>) -> HashSet<String> {
    let mut names = HashSet::new();
    for rule in &rules.0 {
        match rule {
            CssRule::Unknown(unknown) => {
                names.insert(unknown.name.to_string());
            }
            CssRule::Media(media) => names.extend(unknown_at_rule_names(&media.rules)),
            _ => {}
        }
    }
    names
}

/// Moves every `!important` declaration after the plain ones of its rule:
/// within the rule it still wins, and the output no longer says `!important`.
fn drop_important(rules: &mut CssRuleList<'_>) {
    for rule in &mut rules.0 {
        match rule {
            CssRule::Style(style) => {
                let important = std::mem::take(&mut style.declarations.important_declarations);
                style.declarations.declarations.extend(important);
            }
            CssRule::Media(media) => drop_important(&mut media.rules),
            _ => {}
        }
    }
}

fn rule_location(rule: &CssRule<'_>) -> Option<Location> {
    Some(match rule {
        CssRule::Media(rule) => rule.loc,
        CssRule::Import(rule) => rule.loc,
        CssRule::Style(rule) => rule.loc,
        CssRule::Keyframes(rule) => rule.loc,
        CssRule::FontFace(rule) => rule.loc,
        CssRule::FontPaletteValues(rule) => rule.loc,
        CssRule::FontFeatureValues(rule) => rule.loc,
        CssRule::Page(rule) => rule.loc,
        CssRule::Supports(rule) => rule.loc,
        CssRule::CounterStyle(rule) => rule.loc,
        CssRule::Namespace(rule) => rule.loc,
        CssRule::MozDocument(rule) => rule.loc,
        CssRule::Nesting(rule) => rule.loc,
        CssRule::NestedDeclarations(rule) => rule.loc,
        CssRule::Viewport(rule) => rule.loc,
        CssRule::CustomMedia(rule) => rule.loc,
        CssRule::LayerStatement(rule) => rule.loc,
        CssRule::LayerBlock(rule) => rule.loc,
        CssRule::Property(rule) => rule.loc,
        CssRule::Container(rule) => rule.loc,
        CssRule::Scope(rule) => rule.loc,
        CssRule::StartingStyle(rule) => rule.loc,
        CssRule::ViewTransition(rule) => rule.loc,
        CssRule::PositionTry(rule) => rule.loc,
        CssRule::Unknown(rule) => rule.loc,
        CssRule::Ignored | CssRule::Custom(_) => return None,
    })
}

fn at_rule_reason(rule: &CssRule<'_>) -> String {
    let name = match rule {
        CssRule::Style(_) | CssRule::NestedDeclarations(_) => {
            return "nested rules are not allowed: write every rule at the top level".to_owned();
        }
        CssRule::Keyframes(rule) => {
            let prefix = if rule.vendor_prefix.contains(VendorPrefix::WebKit) {
                "-webkit-"
            } else if rule.vendor_prefix.contains(VendorPrefix::Moz) {
                "-moz-"
            } else if rule.vendor_prefix.contains(VendorPrefix::O) {
                "-o-"
            } else {
                ""
            };
            return at_rule_name_reason(&format!("{prefix}keyframes"));
        }
        CssRule::Import(_) => "import",
        CssRule::FontFace(_) => "font-face",
        CssRule::Namespace(_) => "namespace",
        CssRule::MozDocument(_) => "-moz-document",
        CssRule::Media(_) => "media",
        CssRule::FontPaletteValues(_) => "font-palette-values",
        CssRule::FontFeatureValues(_) => "font-feature-values",
        CssRule::Page(_) => "page",
        CssRule::Supports(_) => "supports",
        CssRule::CounterStyle(_) => "counter-style",
        CssRule::Nesting(_) => "nest",
        CssRule::Viewport(_) => "viewport",
        CssRule::CustomMedia(_) => "custom-media",
        CssRule::LayerStatement(_) | CssRule::LayerBlock(_) => "layer",
        CssRule::Property(_) => "property",
        CssRule::Container(_) => "container",
        CssRule::Scope(_) => "scope",
        CssRule::StartingStyle(_) => "starting-style",
        CssRule::ViewTransition(_) => "view-transition",
        CssRule::PositionTry(_) => "position-try",
        CssRule::Unknown(rule) => return at_rule_name_reason(&rule.name),
        CssRule::Ignored | CssRule::Custom(_) => {
            return "this rule is not allowed: a theme may only contain style rules and \
                    top-level @media"
                .to_owned();
        }
    };
    at_rule_name_reason(name)
}

/// Why the at-rule `@name` is not allowed.
fn at_rule_name_reason(name: &str) -> String {
    let why = match name.to_ascii_lowercase().as_str() {
        "import" => "a theme cannot load anything",
        "font-face" => "a theme cannot load fonts; use one of the allowed font families",
        "namespace" => "a theme styles the widget's ids only, and cannot load anything",
        name if name.ends_with("keyframes") => "themes cannot animate",
        _ => "a theme may only contain style rules and top-level @media",
    };
    format!("`@{name}` is not allowed: {why}")
}

/// Plain words for what lightningcss could not parse.
fn warning_reason(kind: &ParserError<'_>) -> String {
    let reason = match kind {
        ParserError::AtRuleInvalid(name) => return at_rule_name_reason(name),
        ParserError::UnexpectedImportRule => return at_rule_name_reason("import"),
        ParserError::UnexpectedNamespaceRule => return at_rule_name_reason("namespace"),
        ParserError::SelectorError(error) => return selector_error_reason(error),
        ParserError::EndOfInput => "the stylesheet ends in the middle of a rule or declaration",
        ParserError::InvalidDeclaration | ParserError::InvalidValue => {
            "this declaration is not valid CSS"
        }
        ParserError::InvalidMediaQuery | ParserError::EmptyBracketInCondition => {
            "this media query is not valid"
        }
        ParserError::MaximumNestingDepth => "this is nested too deeply",
        ParserError::InvalidNesting | ParserError::DeprecatedNestRule => {
            "nested rules are not allowed: write every rule at the top level"
        }
        _ => "this is not valid CSS here",
    };
    reason.to_owned()
}

/// lightningcss's own words, except where they would show a token's debug form.
fn selector_error_reason(error: &SelectorError<'_>) -> String {
    use SelectorError as E;
    match error {
        E::BadValueInAttr(_)
        | E::ClassNeedsIdent(_)
        | E::ExpectedBarInAttr(_)
        | E::ExplicitNamespaceUnexpectedToken(_)
        | E::InvalidQualNameInAttr(_)
        | E::NoQualifiedNameInAttributeSelector(_)
        | E::PseudoElementExpectedIdent(_)
        | E::UnexpectedTokenInAttributeSelector(_)
        | E::UnexpectedSelectorAfterPseudoElement(_) => "this selector is not valid CSS".to_owned(),
        error => format!("this selector is not valid: {error}"),
    }
}

fn parse_error(source: &Source<'_>, error: &Error<ParserError<'_>>) -> CssViolation {
    let offset = error
        .loc
        .as_ref()
        .map_or(0, |loc| source.offset_of(loc.line, loc.column));
    source.violation(
        offset,
        warning_reason(&error.kind),
        source.rest_of_line(offset),
    )
}

/// What one compound selector (between combinators) names.
#[derive(Default)]
struct Compound {
    ids: Vec<String>,
    placeholder: bool,
    /// Another problem was already reported for this compound.
    flagged: bool,
}

impl Compound {
    fn finish(&mut self, reasons: &mut Vec<String>) {
        let compound = std::mem::take(self);
        let documented = || {
            WIDGET_IDS
                .iter()
                .map(|id| format!("#{id}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for id in &compound.ids {
            if !WIDGET_IDS.contains(&id.as_str()) {
                reasons.push(format!(
                    "`#{id}` cannot be styled: a theme may only style the widget's documented ids ({})",
                    documented()
                ));
            }
        }
        match compound.ids.len() {
            0 if !compound.flagged => reasons.push(format!(
                "every part of a selector must name one of the widget's ids ({})",
                documented()
            )),
            0 | 1 => {}
            _ => reasons.push("a selector part may name only one id".to_owned()),
        }
        if compound.placeholder && compound.ids.iter().any(|id| id != "input-search-bank") {
            reasons.push("`::placeholder` is only allowed on `#input-search-bank`".to_owned());
        }
    }
}

/// Everything wrong with one selector.
fn selector_reasons(selector: &Selector<'_>) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut compound = Compound::default();
    for component in selector.iter_raw_match_order() {
        let reason = match component {
            // Joins a pseudo-element to the compound before it.
            Component::Combinator(Combinator::PseudoElement) => None,
            Component::Combinator(combinator) => {
                compound.finish(&mut reasons);
                match combinator {
                    Combinator::Child | Combinator::Descendant => None,
                    Combinator::NextSibling | Combinator::LaterSibling => Some(
                        "sibling combinators (`+`, `~`) are not allowed: only descendant (space) and child (`>`)"
                            .to_owned(),
                    ),
                    _ => Some("only descendant (space) and child (`>`) combinators are allowed".to_owned()),
                }
            }
            Component::ID(id) => {
                compound.ids.push(id.0.to_string());
                None
            }
            Component::NonTSPseudoClass(pseudo_class) => pseudo_class_reason(pseudo_class),
            Component::PseudoElement(PseudoElement::Placeholder(prefix))
                if *prefix == VendorPrefix::None =>
            {
                compound.placeholder = true;
                None
            }
            Component::PseudoElement(pseudo_element) => Some(format!(
                "{} is not allowed: the only pseudo-element a theme may style is `#input-search-bank::placeholder`",
                pseudo_element_name(pseudo_element)
            )),
            Component::Class(class) => Some(format!(
                "class selectors (`.{}`) are not allowed: style the widget through its ids",
                class.0
            )),
            Component::LocalName(name) => Some(format!(
                "type selectors (`{}`) are not allowed: style the widget through its ids",
                name.name.0
            )),
            Component::ExplicitUniversalType => Some(
                "the universal selector `*` is not allowed: style the widget through its ids"
                    .to_owned(),
            ),
            Component::AttributeInNoNamespaceExists { .. }
            | Component::AttributeInNoNamespace { .. }
            | Component::AttributeOther(_) => Some(
                "attribute selectors (`[…]`) are not allowed: they can read what people type"
                    .to_owned(),
            ),
            Component::Negation(_) => Some("`:not()` is not allowed".to_owned()),
            Component::Is(_) => Some("`:is()` is not allowed".to_owned()),
            Component::Where(_) => Some("`:where()` is not allowed".to_owned()),
            Component::Any(..) => Some("`:any()` is not allowed".to_owned()),
            Component::Has(_) => {
                Some("`:has()` is not allowed: it can react to what people type".to_owned())
            }
            Component::Nth(_) | Component::NthOf(_) => {
                Some("`:nth-…` and `:first-child`-style selectors are not allowed".to_owned())
            }
            Component::Root => Some("`:root` is not allowed".to_owned()),
            Component::Empty => Some("`:empty` is not allowed".to_owned()),
            Component::Scope => Some("`:scope` is not allowed".to_owned()),
            Component::Host(_) | Component::Slotted(_) | Component::Part(_) => Some(
                "shadow DOM selectors (`:host`, `::slotted`, `::part`) are not allowed".to_owned(),
            ),
            Component::Nesting => {
                Some("nesting (`&`) is not allowed: write every rule at the top level".to_owned())
            }
            Component::ExplicitAnyNamespace
            | Component::ExplicitNoNamespace
            | Component::DefaultNamespace(_)
            | Component::Namespace(..) => {
                Some("namespace selectors (`ns|…`) are not allowed".to_owned())
            }
        };
        if let Some(reason) = reason {
            compound.flagged = true;
            reasons.push(reason);
        }
    }
    compound.finish(&mut reasons);
    reasons
}

fn pseudo_class_reason(pseudo_class: &PseudoClass<'_>) -> Option<String> {
    use PseudoClass as P;
    let name = match pseudo_class {
        P::Hover | P::Focus | P::FocusVisible | P::FocusWithin | P::Active | P::Disabled => {
            return None;
        }
        P::Custom { name } => format!("`:{name}`"),
        P::CustomFunction { name, .. } => format!("`:{name}()`"),
        P::Visited => "`:visited`".to_owned(),
        P::Link | P::AnyLink(_) | P::LocalLink => "`:link`".to_owned(),
        P::Target | P::TargetWithin => "`:target`".to_owned(),
        P::Checked => "`:checked`".to_owned(),
        P::Enabled => "`:enabled`".to_owned(),
        P::Valid | P::UserValid => "`:valid`".to_owned(),
        P::Invalid | P::UserInvalid => "`:invalid`".to_owned(),
        P::Required => "`:required`".to_owned(),
        P::Optional => "`:optional`".to_owned(),
        P::PlaceholderShown(_) => "`:placeholder-shown`".to_owned(),
        P::Autofill(_) => "`:autofill`".to_owned(),
        P::ReadOnly(_) => "`:read-only`".to_owned(),
        P::ReadWrite(_) => "`:read-write`".to_owned(),
        P::Lang { .. } => "`:lang()`".to_owned(),
        P::Dir { .. } => "`:dir()`".to_owned(),
        P::Fullscreen(_) => "`:fullscreen`".to_owned(),
        _ => "this pseudo-class".to_owned(),
    };
    Some(format!(
        "{name} is not allowed: the only pseudo-classes a theme may use are {ALLOWED_PSEUDO_CLASSES}"
    ))
}

fn pseudo_element_name(pseudo_element: &PseudoElement<'_>) -> String {
    use PseudoElement as P;
    match pseudo_element {
        P::Custom { name } => format!("`::{name}`"),
        P::CustomFunction { name, .. } => format!("`::{name}()`"),
        P::Before => "`::before`".to_owned(),
        P::After => "`::after`".to_owned(),
        P::FirstLine => "`::first-line`".to_owned(),
        P::FirstLetter => "`::first-letter`".to_owned(),
        P::Selection(_) => "`::selection`".to_owned(),
        P::Placeholder(_) => "a prefixed `::placeholder`".to_owned(),
        P::Marker => "`::marker`".to_owned(),
        P::Backdrop(_) => "`::backdrop`".to_owned(),
        P::FileSelectorButton(_) => "`::file-selector-button`".to_owned(),
        _ => "this pseudo-element".to_owned(),
    }
}
