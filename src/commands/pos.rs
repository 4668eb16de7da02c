//! `le pos`: a till. The cashier types an amount and Enter; the QR code fills the screen
//! with the amount in large type and the time left; when it is paid, PAID for a few
//! seconds, then the next sale. Esc cancels a sale (its payment is left to expire);
//! `q` or Ctrl-C quits. The keyboard alone drives it.

use std::collections::BTreeMap;
use std::time::Duration;

use rust_decimal::Decimal;
use tokio::time::{Instant, sleep, sleep_until};

use crate::api::{Client, Identity, Payment};
use crate::cli::PosArgs;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::follow::{MIN_INTERVAL, is_transient};
use crate::input::rows::{Row, new_order_id, parse_money};
use crate::invoice::Network;
use crate::render::pos::{self, Chrome, Key, Sale, Session};
use crate::render::qr::{self, Ink};
use crate::render::time::clock;
use crate::render::{amount_text, money};
use crate::settings::Target;
use crate::verdict::{Asked, Verdict, judge};

/// How long PAID or EXPIRED stays on screen before the next sale.
const SHOW_END: Duration = Duration::from_secs(4);
/// How long the till looks at a sale once more before the cashier leaves it.
const LAST_LOOK: Duration = Duration::from_secs(5);

/// What the till knows of this session.
struct Till<'a> {
    ctx: &'a Ctx,
    client: Client,
    currency: String,
    prefix: String,
    description: Option<String>,
    ink: Ink,
    color: bool,
    /// Sales paid this session: count, and totals per currency.
    count: usize,
    totals: BTreeMap<String, Decimal>,
    /// The order of a sale on screen that has not ended: said once the terminal is given
    /// back, if the till closes on it (Ctrl-C, `q`, a SIGTERM).
    open_sale: Option<String>,
}

/// How long the till waits for one look at a sale before it says the API is slow and
/// gives the keyboard back: a slow API must not freeze Esc, `q` or Ctrl-C.
const POLL_BUDGET: Duration = Duration::from_secs(5);

/// Waits for the cashier to leave a screen that has no keys of its own: `Some` to close
/// the till, `None` for Esc.
async fn leave(keys: &mut tokio::sync::mpsc::UnboundedReceiver<Key>) -> Option<Next> {
    loop {
        match keys.recv().await {
            None | Some(Key::Char('q' | 'Q')) => return Some(Next::Quit),
            Some(Key::Interrupt) => return Some(Next::Interrupted),
            Some(Key::Esc) => return None,
            Some(_) => {}
        }
    }
}

/// How the cashier left a screen.
enum Next {
    /// On to the next sale.
    Sale,
    /// `q`: the till closes.
    Quit,
    /// Ctrl-C.
    Interrupted,
}

pub async fn run(ctx: &Ctx, a: PosArgs) -> Result<Outcome> {
    if ctx.dry_run() {
        return Err(Error::usage(
            "le pos takes sales as they are typed; --dry-run and --curl show one request: le create --amount … --dry-run",
        ));
    }
    let profile = ctx.settings()?.profile.clone();
    let currency = a.currency.or(profile.currency).ok_or_else(|| {
        Error::usage(
            "which currency? give --currency USD, or a currency in the profile: le config set currency USD",
        )
    })?;
    let currency = currency
        .parse::<crate::money::Currency>()
        .map_err(|e| Error::usage(format!("--currency: {e}")))?
        .as_str()
        .to_owned();
    let prefix = a
        .order_prefix
        .or(profile.order_prefix)
        .unwrap_or_else(|| "POS".into());
    crate::config::check_order_prefix(&prefix)
        .map_err(|e| Error::usage(format!("--order-prefix: {e}")))?;
    let description = a.description.or(profile.description);
    if let Some(d) = &description {
        crate::input::check_text("--description", d)?;
    }
    if !ctx.out.stdout_tty() || !ctx.out.stderr_tty() {
        return Err(Error::usage(
            "le pos is a full-screen till and needs a terminal; for a script, use le create --watch",
        ));
    }
    let client = ctx.client().await?;
    // Asked before the till takes the keyboard: the terminal's answer comes as input.
    let color = ctx.out.stdout_color();
    let (ink, _) = qr::choose_ink(color, true);
    let mut till = Till {
        ctx,
        client,
        currency,
        prefix,
        description,
        ink,
        color,
        count: 0,
        totals: BTreeMap::new(),
        open_sale: None,
    };
    let session = Session::start(&ctx.out).map_err(Error::usage)?;
    let mut keys = session.keys();
    // A SIGTERM or a closed terminal is a way out too: the session is dropped and the
    // terminal given back.
    let ended = tokio::select! {
        r = till.serve(&session, &mut keys) => r,
        () = crate::stop::terminated() => Ok(Next::Interrupted),
    };
    drop(keys);
    drop(session);
    ctx.out.note(&format!("till closed: {}", till.sales_line()));
    if let Some(order) = &till.open_sale {
        ctx.out.note(&format!(
            "order {order} was still for sale when the till closed, and may yet be paid: {} get-order {order} says whether it was",
            crate::invocation::le()
        ));
    }
    match ended? {
        Next::Interrupted => Ok(Outcome::Interrupted),
        _ => Ok(Outcome::Done),
    }
}

impl Till<'_> {
    fn size(&self) -> (usize, usize) {
        self.ctx.out.stdout_size().unwrap_or((24, 80))
    }

    fn is_sandbox(&self) -> bool {
        self.ctx
            .settings()
            .is_ok_and(|s| s.target == Target::Embedded)
            || self.client.announced_network() == Some(Network::Regtest)
    }

    fn title(&self) -> String {
        let target = match self.ctx.settings().map(|s| s.target.clone()) {
            Ok(Target::Embedded) => "the sandbox".to_owned(),
            Ok(Target::Remote(url)) => url,
            Err(_) => String::new(),
        };
        format!("le pos · {target} · {}", self.currency)
    }

    fn sales_line(&self) -> String {
        if self.count == 0 {
            return "no sales yet".into();
        }
        let totals: Vec<String> = self
            .totals
            .iter()
            .map(|(c, t)| money(&t.to_string(), c))
            .collect();
        format!(
            "{} sale{}: {}",
            self.count,
            if self.count == 1 { "" } else { "s" },
            totals.join(", ")
        )
    }

    async fn serve(
        &mut self,
        session: &Session,
        keys: &mut tokio::sync::mpsc::UnboundedReceiver<Key>,
    ) -> Result<Next> {
        let mut problem: Option<String> = None;
        loop {
            // The amount, typed.
            let mut typed = String::new();
            let payment = loop {
                let title = self.title();
                let sales = self.sales_line();
                let chrome = Chrome {
                    title: &title,
                    sales: &sales,
                    keys: "digits and . : the amount · Enter: take the payment · q: close the till",
                    problem: problem.as_deref(),
                };
                session.draw(&pos::entry(
                    self.size(),
                    &typed,
                    &self.currency,
                    &chrome,
                    self.color,
                ));
                let Some(key) = keys.recv().await else {
                    return Ok(Next::Quit);
                };
                match key {
                    Key::Interrupt => return Ok(Next::Interrupted),
                    Key::Char('q' | 'Q') => return Ok(Next::Quit),
                    Key::Char(c @ ('0'..='9' | '.' | ',')) if typed.len() < 20 => {
                        // A comma is how much of the world writes the decimal point.
                        typed.push(if c == ',' { '.' } else { c });
                        problem = None;
                    }
                    Key::Backspace => {
                        typed.pop();
                    }
                    Key::Esc => typed.clear(),
                    Key::Enter if !typed.is_empty() => {
                        let chrome = Chrome {
                            title: &title,
                            sales: &sales,
                            keys: "taking the payment… · Esc: give up · q: close the till",
                            problem: None,
                        };
                        session.draw(&pos::entry(
                            self.size(),
                            &typed,
                            &self.currency,
                            &chrome,
                            self.color,
                        ));
                        // The keyboard stays live while the API takes its time.
                        let started = tokio::select! {
                            r = self.start_sale(&typed) => Ok(r),
                            next = leave(keys) => Err(next),
                        };
                        match started {
                            Ok(Ok(p)) => break p,
                            Ok(Err(e)) => problem = Some(e),
                            Err(Some(next)) => return Ok(next),
                            Err(None) => {
                                problem = Some(
                                    "gave up taking the payment; if the API made it, it is left to expire".into(),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            };
            // The sale, until it ends or the cashier moves on.
            match self.wait(session, keys, payment).await? {
                (Next::Sale, msg) => problem = msg,
                (other, _) => return Ok(other),
            }
        }
    }

    /// Creates the payment for a typed amount; the message says why not.
    async fn start_sale(&mut self, typed: &str) -> std::result::Result<Payment, String> {
        parse_money(typed, &self.currency).map_err(|e| e.message())?;
        let row = Row {
            order: new_order_id(&self.prefix),
            amount: typed.to_owned(),
            currency: self.currency.clone(),
            description: self.description.clone(),
            ..Row::default()
        };
        let (new, key) = row.prepare().map_err(|e| e.message())?;
        let created = self
            .client
            .create_payment(&new, &key)
            .await
            .map_err(|e| e.message())?;
        let asked = Asked::Create {
            new: &new,
            earlier: created.earlier,
        };
        let verdict = judge(&created.payment, asked);
        if !verdict.offers_invoice() {
            return Err(verdict.words(&created.payment, asked));
        }
        // A lying invoice never reaches a customer's wallet.
        if created.earlier {
            self.ctx.check_payment(&self.client, &created.payment)
        } else {
            self.ctx.check_new_payment(&self.client, &created.payment)
        }
        .map_err(|e| e.message())?;
        Ok(created.payment)
    }

    /// Shows the sale until it is paid or expires, the cashier cancels it, or the till
    /// closes; polls no more often than the API asks.
    async fn wait(
        &mut self,
        session: &Session,
        keys: &mut tokio::sync::mpsc::UnboundedReceiver<Key>,
        mut p: Payment,
    ) -> Result<(Next, Option<String>)> {
        self.open_sale = p.order_id().map(str::to_owned);
        let invoice = p.lightning_invoice().unwrap_or_default().to_owned();
        // The sale as the customer was shown it: every later answer must be this payment,
        // its invoice included.
        let shown = Identity::of(&p);
        let mut next_poll = Instant::now() + MIN_INTERVAL;
        let mut trouble: Option<String> = None;
        loop {
            let status = p.status();
            if judge(&p, Asked::Paid).is_final() {
                return self.show_end(session, keys, &p).await;
            }
            let left = p
                .expires_at()
                .map(|e| clock((e - jiff::Timestamp::now()).get_seconds().max(0) as u64))
                .unwrap_or_default();
            let line = format!(
                "order {} · {} · expires in {left} · {status}",
                p.order_id().unwrap_or("?"),
                p.invoice_id()
            );
            let amount = amount_text(&p);
            let figure = p.amount_text().unwrap_or_default();
            let title = self.title();
            let sales = self.sales_line();
            let keys_line = if self.is_sandbox() {
                "Esc: cancel this sale · q: close the till · p: pay it (sandbox: as a customer's wallet would)"
            } else {
                "Esc: cancel this sale · q: close the till"
            };
            let chrome = Chrome {
                title: &title,
                sales: &sales,
                keys: keys_line,
                problem: trouble.as_deref(),
            };
            let sale = Sale {
                invoice: &invoice,
                amount: &amount,
                figure: &figure,
                line: &line,
            };
            session.draw(&pos::sale(
                self.size(),
                &sale,
                &chrome,
                self.color,
                self.ink,
            ));
            tokio::select! {
                key = keys.recv() => match key {
                    None | Some(Key::Char('q' | 'Q')) => {
                        // The customer may have paid since the last look.
                        if let Some(done) = self.last_look(&shown).await {
                            let (next, _) = self.show_end(session, keys, &done).await?;
                            if matches!(next, Next::Interrupted) {
                                return Ok((next, None));
                            }
                        }
                        return Ok((Next::Quit, None));
                    }
                    Some(Key::Interrupt) => {
                        // Ctrl-C closes the till; the sale once more first, so that the
                        // closing note names it only if it may still be paid.
                        if let Some(done) = self.last_look(&shown).await {
                            self.close_sale(&done);
                        }
                        return Ok((Next::Interrupted, None));
                    }
                    Some(Key::Esc) => {
                        // Paid between two polls: that is a sale, not a cancelled one.
                        if let Some(done) = self.last_look(&shown).await {
                            return self.show_end(session, keys, &done).await;
                        }
                        self.open_sale = None;
                        return Ok((Next::Sale, Some(format!(
                            "sale cancelled: order {} is left to expire", p.order_id().unwrap_or("?")
                        ))));
                    }
                    Some(Key::Char('p' | 'P')) if self.is_sandbox() => {
                        match self.pay_in_sandbox(p.invoice_id()).await {
                            Ok(paid) => p = paid,
                            Err(e) => trouble = Some(e),
                        }
                    }
                    _ => {}
                },
                _ = sleep_until(next_poll) => {
                    next_poll = Instant::now() + MIN_INTERVAL;
                    let look = tokio::time::timeout(POLL_BUDGET, self.client.get_payment_again(&shown));
                    match look.await.unwrap_or_else(|_| Err(Error::Unreachable {
                        url: "the API".into(),
                        reason: format!("no answer within {} s", POLL_BUDGET.as_secs()),
                    })) {
                        Ok(now) => {
                            if let Err(e) = self.ctx.check_payment(&self.client, &now) {
                                return Ok((Next::Sale, Some(e.message())));
                            }
                            trouble = None;
                            p = now;
                        }
                        Err(e) if is_transient(&e) => {
                            trouble = Some(format!("the API did not answer ({}); still trying", e.message()));
                        }
                        Err(e) => return Ok((Next::Sale, Some(e.message()))),
                    }
                },
                // The countdown moves every second.
                _ = sleep(Duration::from_secs(1)) => {}
            }
        }
    }

    /// A sale that has ended: no longer open, and counted when paid.
    fn close_sale(&mut self, p: &Payment) {
        let verdict = judge(p, Asked::Paid);
        if !verdict.is_final() {
            return;
        }
        if self.open_sale.as_deref() == p.order_id() {
            self.open_sale = None;
        }
        if verdict == Verdict::Paid {
            self.count += 1;
            if let (Some(a), Some(c)) = (p.amount(), p.currency()) {
                *self.totals.entry(c.to_owned()).or_default() += a;
            }
        }
    }

    /// The sale once more before the cashier leaves it, within a few seconds: the payment
    /// if it has settled, else nothing (still open, or the API did not say).
    async fn last_look(&self, shown: &Identity) -> Option<Payment> {
        let read = self.client.get_payment_again(shown);
        match tokio::time::timeout(LAST_LOOK, read).await {
            Ok(Ok(p)) if judge(&p, Asked::Paid).is_final() => Some(p),
            _ => None,
        }
    }

    async fn pay_in_sandbox(&self, invoice_id: &str) -> std::result::Result<Payment, String> {
        let c = self.ctx.sandbox_client().await.map_err(|e| e.message())?;
        c.sandbox_action(invoice_id, "pay")
            .await
            .map_err(|e| e.message())
    }

    /// PAID or EXPIRED across the screen, and the bell; on to the next sale after a few
    /// seconds, or at once with Enter.
    async fn show_end(
        &mut self,
        session: &Session,
        keys: &mut tokio::sync::mpsc::UnboundedReceiver<Key>,
        p: &Payment,
    ) -> Result<(Next, Option<String>)> {
        let verdict = judge(p, Asked::Paid);
        self.close_sale(p);
        let title = self.title();
        let sales = self.sales_line();
        let chrome = Chrome {
            title: &title,
            sales: &sales,
            keys: "Enter: next sale · q: close the till",
            problem: None,
        };
        session.draw(&pos::ended(
            self.size(),
            verdict.banner(),
            &amount_text(p),
            &verdict.detail(p),
            &chrome,
            self.color,
        ));
        self.ctx.out.bell();
        let until = Instant::now() + SHOW_END;
        loop {
            tokio::select! {
                key = keys.recv() => match key {
                    None | Some(Key::Char('q' | 'Q')) => return Ok((Next::Quit, None)),
                    Some(Key::Interrupt) => return Ok((Next::Interrupted, None)),
                    Some(Key::Enter | Key::Esc) => return Ok((Next::Sale, None)),
                    _ => {}
                },
                _ = sleep_until(until) => return Ok((Next::Sale, None)),
            }
        }
    }
}
