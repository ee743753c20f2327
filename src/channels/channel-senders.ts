import { createHmac } from 'node:crypto';
import tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import type { ChannelEndpoint } from '../config/policy.js';
import type { ChannelMessage } from './channel-messages.js';

/** The secrets of one endpoint, read from the environment variables its policy entry names. */
export interface EndpointSecrets {
  secret?: string;
  key?: string;
}

export interface SendInput {
  endpoint: ChannelEndpoint;
  secrets: EndpointSecrets;
  eventId: string;
  eventName: string;
  attempt: number;
  message: ChannelMessage;
  /** SMS only: the resident's phone, never logged nor recorded unmasked. */
  phone?: string;
  /** SMS only: the template's parameters. */
  /** SMS: the provider's template and its parameters, in order. */
  sms?: { templateId: string; params: string[] };
  now: Date;
  timeoutMs: number;
}

export interface SendResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

/** Generic webhook signature: hex HMAC-SHA256 over `${timestamp}.${body}` (timestamp in unix seconds). */
export const webhookSignature = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** DingTalk robot signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), timestamp in milliseconds. */
export const dingTalkSignature = (secret: string, timestampMs: string) => createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');

/** Feishu (飞书) custom bot signature: base64(HMAC-SHA256 keyed with `${timestamp}\n${secret}` over nothing), timestamp in seconds. */
export const feishuSignature = (secret: string, timestampSeconds: string) => createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number, robot: boolean): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) return { ok: false, httpStatus: res.status, error: `HTTP ${res.status}` };
    if (robot) {
      // WeCom and DingTalk answer 200 with { errcode, errmsg }; only errcode 0 is delivered.
      const answer = JSON.parse(text || '{}') as { errcode?: number; errmsg?: string; code?: number; msg?: string };
      if (answer.code !== undefined) answer.errcode = answer.code; // Feishu answers { code, msg }
      if (answer.msg !== undefined) answer.errmsg ??= answer.msg;
      if (answer.errcode !== 0)
        return { ok: false, httpStatus: res.status, error: `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`.slice(0, 500) };
    }
    return { ok: true, httpStatus: res.status, error: null };
  } catch (error) {
    return { ok: false, httpStatus: null, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
}

const markdown = (m: ChannelMessage) => `**${m.title}**\n\n${m.text}`;

export async function sendWebhook(input: SendInput): Promise<SendResult> {
  const body = JSON.stringify({ ...input.message, id: input.eventId, type: input.eventName });
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  return post(
    input.endpoint.url,
    body,
    {
      'x-desk-event-id': input.eventId,
      'x-desk-event': input.eventName,
      'x-desk-attempt': String(input.attempt),
      'x-desk-timestamp': timestamp,
      'x-desk-signature': `sha256=${webhookSignature(input.secrets.secret!, timestamp, body)}`,
    },
    input.timeoutMs,
    false,
  );
}

/** 企业微信群机器人: POST {url}?key=KEY with a markdown message. */
export async function sendWeCom(input: SendInput): Promise<SendResult> {
  const url = `${input.endpoint.url}?key=${encodeURIComponent(input.secrets.key!)}`;
  return post(url, JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(input.message) } }), {}, input.timeoutMs, true);
}

/** 钉钉群机器人: POST {url}?access_token=…&timestamp=…&sign=… with a markdown message (加签). */
export async function sendDingTalk(input: SendInput): Promise<SendResult> {
  const timestamp = String(input.now.getTime());
  const sign = encodeURIComponent(dingTalkSignature(input.secrets.secret!, timestamp));
  const url = `${input.endpoint.url}?access_token=${encodeURIComponent(input.secrets.key!)}&timestamp=${timestamp}&sign=${sign}`;
  return post(url, JSON.stringify({ msgtype: 'markdown', markdown: { title: input.message.title, text: markdown(input.message) } }), {}, input.timeoutMs, true);
}

/** 飞书自定义机器人 (签名校验): POST {url}/{token} with a card whose body is markdown. */
export async function sendFeishu(input: SendInput): Promise<SendResult> {
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  const body = {
    timestamp,
    sign: feishuSignature(input.secrets.secret!, timestamp),
    msg_type: 'interactive',
    card: { header: { title: { tag: 'plain_text', content: input.message.title } }, elements: [{ tag: 'markdown', content: input.message.text }] },
  };
  return post(`${input.endpoint.url}/${encodeURIComponent(input.secrets.key!)}`, JSON.stringify(body), {}, input.timeoutMs, true);
}

/** Tencent Cloud SMS (SendSms 2021-01-11) through the provider's SDK, which signs the request with TC3-HMAC-SHA256. */
export async function sendTencentSms(input: SendInput): Promise<SendResult> {
  const url = new URL(input.endpoint.url);
  const client = new tencentcloud.sms.v20210111.Client({
    credential: { secretId: input.secrets.key!, secretKey: input.secrets.secret! },
    region: input.endpoint.smsRegion!,
    profile: { httpProfile: { endpoint: url.host, protocol: `${url.protocol}//`, reqTimeout: Math.ceil(input.timeoutMs / 1000) } },
  });
  try {
    const answer = await client.SendSms({
      PhoneNumberSet: [input.phone!.startsWith('+') ? input.phone! : `+86${input.phone!}`],
      SmsSdkAppId: input.endpoint.smsAppId!,
      SignName: input.endpoint.smsSignName!,
      TemplateId: input.sms!.templateId,
      TemplateParamSet: input.sms!.params,
    });
    const status = answer.SendStatusSet?.[0];
    if (status?.Code !== 'Ok') return { ok: false, httpStatus: 200, error: `SendSms ${String(status?.Code)}` };
    return { ok: true, httpStatus: 200, error: null };
  } catch (error) {
    // The SDK's errors carry no phone number; keep only the code and message.
    const e = error as { code?: string; message?: string };
    return { ok: false, httpStatus: null, error: `${e.code ?? 'error'}: ${e.message ?? String(error)}`.slice(0, 500) };
  }
}

export const SENDERS = { webhook: sendWebhook, wecom: sendWeCom, dingtalk: sendDingTalk, feishu: sendFeishu, sms: sendTencentSms } as const;
