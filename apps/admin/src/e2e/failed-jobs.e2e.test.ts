import { schema } from '@stockpulse/db';
import { e2eSuite, openPage, type Stack, screenshot, VIEWPORTS } from '@stockpulse/e2e';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openConsole, placeOrder, registerCustomer } from '../testing/e2e';

const soon = (read: () => Promise<boolean>) =>
  expect.poll(read, { timeout: 30_000, interval: 200 }).toBe(true);

async function orderStatus(stack: Stack, orderId: number) {
  const [row] = await stack.world.db
    .select({ status: schema.orders.status })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId));
  return row?.status;
}

// Every payment fails: the order job exhausts its attempts and lands in `failed`.
describe('failed jobs in the console', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ workerEnv: { PAYMENT_FAILURE_RATE: '1' } });

  it('shows a failed payment job with its error, and says a retry has nothing to do once the order is cancelled', async () => {
    const customer = await openPage(browser(), stack());
    await registerCustomer(customer.page, 'Unlucky Una');
    const productId = await stack().world.addProduct({ onHand: 5 });
    const orderId = await placeOrder(customer.page, [{ productId, quantity: 1 }]);

    const admin = await openPage(browser(), stack(), { viewport: 'wide' });
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

    // The worker cancelled the order when the attempts ran out: a retry would do nothing,
    // and the console says so instead of "queued again".
    await soon(async () => (await orderStatus(stack(), orderId)) === 'cancelled');
    await job.getByRole('button', { name: `Retry job order-${orderId}` }).click();
    const answer = admin.page.getByText(
      `Order #${orderId} is cancelled (the payment failed); nothing to retry, so job order-${orderId} was cleared from the failed list`,
    );
    await answer.waitFor();
    expect(await admin.page.getByText('is queued again').count()).toBe(0);
    await job.waitFor({ state: 'detached', timeout: 15_000 });
    await screenshot(admin.page, 'admin', 'queues-nothing-to-retry');
    await admin.page.setViewportSize(VIEWPORTS.phone);
    await screenshot(admin.page, 'admin', 'queues-nothing-to-retry');
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
