import type { Browser, CDPSession } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  title: string;
}

interface ReceivedMessage {
  sessionId: string;
  message: string;
}

/**
 * The peak JS heap of a page's dedicated Web Worker, named `name`, sampled every `everyMs`.
 * Playwright opens CDP sessions on pages and frames only, so this attaches to the worker's
 * target from a browser-level session and sends `Runtime.getHeapUsage` through
 * `Target.sendMessageToTarget` (a second, non-flattened session next to Playwright's own).
 */
export class WorkerHeapSampler {
  readonly #cdp: CDPSession;
  readonly #name: string;
  #sessionId: string | null = null;
  #attaching: Promise<void> | null = null;
  #nextId = 1;
  #peak = 0;
  #timer: NodeJS.Timeout;

  private constructor(cdp: CDPSession, name: string, everyMs: number) {
    this.#cdp = cdp;
    this.#name = name;
    cdp.on('Target.receivedMessageFromTarget', (event: ReceivedMessage) => {
      if (event.sessionId !== this.#sessionId) return;
      const reply = JSON.parse(event.message) as { result?: { usedSize?: number } };
      const used = reply.result?.usedSize;
      if (typeof used === 'number') this.#peak = Math.max(this.#peak, used);
    });
    this.#timer = setInterval(() => void this.#tick(), everyMs);
  }

  static async start(browser: Browser, name: string, everyMs = 100): Promise<WorkerHeapSampler> {
    return new WorkerHeapSampler(await browser.newBrowserCDPSession(), name, everyMs);
  }

  async #tick(): Promise<void> {
    try {
      if (this.#sessionId === null) {
        this.#attaching ??= this.#attach().finally(() => (this.#attaching = null));
        await this.#attaching;
      }
      if (this.#sessionId === null) return;
      const message = JSON.stringify({ id: this.#nextId++, method: 'Runtime.getHeapUsage' });
      await this.#cdp.send('Target.sendMessageToTarget', { sessionId: this.#sessionId, message });
    } catch {
      // The worker ended between two samples: its peak so far stands.
      this.#sessionId = null;
    }
  }

  async #attach(): Promise<void> {
    const { targetInfos } = (await this.#cdp.send('Target.getTargets')) as {
      targetInfos: TargetInfo[];
    };
    const worker = targetInfos.find((t) => t.type === 'worker' && t.title === this.#name);
    if (!worker) return;
    const attached = await this.#cdp.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: false,
    });
    this.#sessionId = attached.sessionId;
  }

  /** Stops sampling; the peak `usedSize` seen, in bytes (0 if the worker was never seen). */
  async stop(): Promise<number> {
    clearInterval(this.#timer);
    await this.#cdp.detach().catch(() => undefined);
    return this.#peak;
  }
}
