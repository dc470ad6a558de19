//! Assertions that wait: the UI renders asynchronously, so each check polls
//! until it holds or [`PATIENCE`] runs out, then fails with what it saw.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::{Browser, PATIENCE};

impl Browser {
    /// Waits until exactly `n` elements match `query`.
    pub async fn expect_count(&self, query: &str, n: usize) -> Result<()> {
        let started = Instant::now();
        loop {
            let found = self.elements(query).await?.len();
            if found == n {
                return Ok(());
            }
            if started.elapsed() > PATIENCE {
                bail!("expected {n} elements matching {query}, found {found}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's visible text contains `text`.
    pub async fn expect_text(&self, text: &str) -> Result<()> {
        let started = Instant::now();
        loop {
            // While the browser navigates (e.g. a redirect to the
            // integrator), there is briefly no body, or the one just found
            // is replaced: that is "not shown yet", not a failure.
            let body = match self.visible_text().await {
                Ok(body) if body.contains(text) => return Ok(()),
                Ok(body) => body,
                Err(error) => format!("(no page text yet: {error})"),
            };
            if started.elapsed() > PATIENCE {
                bail!("expected the page to show {text:?}; it shows:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The texts of every element matching `query`, in page order.
    pub async fn texts(&self, query: &str) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self.elements(query).await? {
            texts.push(element.text().await?);
        }
        Ok(texts)
    }

    /// Everything the page shows, as a person would read it.
    pub async fn visible_text(&self) -> Result<String> {
        Ok(self
            .client
            .find(fantoccini::Locator::Css("body"))
            .await?
            .text()
            .await?)
    }

    /// Resizes the window to a phone's width and fails if the page then
    /// scrolls sideways (content wider than the screen).
    pub async fn expect_fits_phone_width(&self) -> Result<()> {
        self.client.set_window_size(375, 740).await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let overflow = self
            .client
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await?;
        let overflow = overflow.as_i64().unwrap_or_default();
        if overflow > 0 {
            bail!("at 375px the page is {overflow}px wider than the screen");
        }
        Ok(())
    }
}
