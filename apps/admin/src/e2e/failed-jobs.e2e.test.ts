import { e2eSuite, openPage, screenshot } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { openConsole, placeOrder, registerCustomer } from './helpers';

// Every payment fails: the order job exhausts its attempts and lands in `failed`.
describe('failed jobs in the console', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ workerEnv: { PAYMENT_FAILURE_RATE: '1' } });

  it('shows a failed payment job with its error, and retries it', async () => {
    const customer = await openPage(browser(), stack());
    await registerCustomer(customer.page, 'Unlucky Una');
    const productId = await stack().world.addProduct({ onHand: 5 });
    const orderId = await placeOrder(customer.page, [{ productId, quantity: 1 }]);

    const admin = await openPage(browser(), stack());
    await openConsole(admin.page, stack());
    await admin.page.getByRole('link', { name: 'Queues' }).click();
    const job = admin.page.locator(`tr[data-job-id="order-${orderId}"]`);
    await job.waitFor({ timeout: 60_000 });
    expect(await job.locator('.error-text').textContent()).toMatch(/\w/);
    expect(
      Number(
        await admin.page.locator('tr[data-queue="orders"] td[data-state="failed"]').textContent(),
      ),
    ).toBeGreaterThanOrEqual(1);
    await screenshot(admin.page, 'admin', 'queues-failed');

    await job.getByRole('button', { name: `Retry job order-${orderId}` }).click();
    await admin.page.getByText(`Job order-${orderId} is queued again`).waitFor();
    await job.waitFor({ state: 'detached', timeout: 15_000 });
    expect(admin.consoleErrors).toEqual([]);
    await Promise.all([admin.context.close(), customer.context.close()]);
  });

  it('serves Bull Board, linked from the Queues view, to administrators only', async () => {
    const admin = await openPage(browser(), stack());
    await openConsole(admin.page, stack());
    await admin.page.getByRole('link', { name: 'Queues' }).click();
    const link = admin.page.getByRole('link', { name: 'Open Bull Board' });
    const href = await link.getAttribute('href');
    expect(href).toBe('/admin/queues/board');
    const board = await admin.context.newPage();
    const response = await board.goto(href!);
    expect(response?.status()).toBe(200);
    // The board's own UI renders the server's queues.
    await board.getByText('orders', { exact: true }).first().waitFor({ timeout: 15_000 });
    await screenshot(board, 'admin', 'bull-board');

    const customer = await openPage(browser(), stack());
    await customer.page.goto('/');
    expect((await customer.page.request.get(href!)).status()).toBe(401);
    await customer.page.request.post('/trpc/auth.login', { data: { json: stack().customer } });
    expect((await customer.page.request.get(href!)).status()).toBe(403);
    await Promise.all([admin.context.close(), customer.context.close()]);
  });
});
