/**
 * Cloud storage as @cloudbase/node-sdk 3.18.3 uses it, for the functions' exports:
 * - `app.uploadFile({cloudPath, fileContent})`: the SDK asks `storage.getUploadMetadata` for a
 *   signed upload URL, then PUTs the bytes there (COS answers an empty body on success, an XML
 *   <Error> otherwise);
 * - `app.getTempFileURL({fileList: [{fileID, maxAge}]})`: `storage.batchGetDownloadUrl` answers
 *   `download_list` items `{fileID, tempFileURL, code}`;
 * - the temporary URL serves the file until it expires (private files: a signed link is the only
 *   way in), with CORS open as COS's CDN is, so the browser preview can download it.
 * Files live under `<dataDir>/storage/`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { DbError } from './store';

const ENV = 'local-env';
const BUCKET = 'local-bucket';
const FILE_ID_PREFIX = `cloud://${ENV}.${BUCKET}/`;

type Body = Record<string, unknown>;

export class Storage {
  private readonly secret = randomBytes(16);
  private readonly root: string;

  constructor(
    dataDir: string,
    /** The emulator's clock: links expire on it. */
    private readonly now: () => number,
  ) {
    this.root = path.join(dataDir, 'storage');
  }

  private sign(what: string): string {
    return createHmac('sha256', this.secret).update(what).digest('hex');
  }

  /** A cloud path as a file under the storage folder; anything that would leave it is refused. */
  private fileOf(cloudPath: string): string {
    const clean = path.posix.normalize(cloudPath.replace(/^\/+/, ''));
    if (!clean || clean.startsWith('..') || clean.includes('\0')) throw new DbError('STORAGE_INVALID_PARAM', `invalid cloudPath ${cloudPath}`);
    return path.join(this.root, ...clean.split('/'));
  }

  /** `storage.getUploadMetadata` and `storage.batchGetDownloadUrl`; null for other actions. */
  handle(action: string, body: Body, origin: string): Body | null {
    if (action === 'storage.getUploadMetadata') {
      const cloudPath = String(body.path ?? '');
      this.fileOf(cloudPath);
      const authorization = this.sign(`put:${cloudPath}`);
      return {
        data: {
          url: `${origin}/cos/${encodeURI(cloudPath)}`,
          token: 'local-token',
          authorization,
          fileId: FILE_ID_PREFIX + cloudPath,
          cosFileId: `local-${randomBytes(8).toString('hex')}`,
        },
      };
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = Array.isArray(body.file_list) ? (body.file_list as Array<{ fileid?: unknown; max_age?: unknown }>) : [];
      return {
        data: {
          download_list: list.map((f) => {
            const fileID = String(f.fileid ?? '');
            const cloudPath = fileID.startsWith(FILE_ID_PREFIX) ? fileID.slice(FILE_ID_PREFIX.length) : null;
            if (cloudPath === null || !fs.existsSync(this.fileOf(cloudPath))) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
            // As the real service: a day at most, the SDK's default when none is asked.
            const maxAge = Math.min(Number(f.max_age) > 0 ? Number(f.max_age) : 86_400, 86_400);
            const expires = Math.floor(this.now() / 1000) + maxAge;
            const sign = this.sign(`get:${cloudPath}:${expires}`);
            return { fileID, tempFileURL: `${origin}/cos/${encodeURI(cloudPath)}?sign=${sign}&t=${expires}`, code: 'SUCCESS' };
          }),
        },
      };
    }
    return null;
  }

  /** PUT and GET on /cos/<path>: the upload the SDK makes, and the temporary links. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cos');
    const cloudPath = decodeURI(url.pathname.slice('/cos/'.length));
    const xmlError = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
      res.end(
        `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
      );
    };
    let file: string;
    try {
      file = this.fileOf(cloudPath);
    } catch {
      return xmlError(400, 'InvalidURI', 'invalid path');
    }
    const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    if (req.method === 'PUT') {
      if (!same(String(req.headers.authorization ?? ''), this.sign(`put:${cloudPath}`))) return xmlError(403, 'SignatureDoesNotMatch', 'bad upload signature');
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat(chunks));
      fs.renameSync(tmp, file);
      res.writeHead(200, { 'content-length': 0 });
      return void res.end();
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const expires = Number(url.searchParams.get('t'));
      const sign = url.searchParams.get('sign') ?? '';
      if (!same(sign, this.sign(`get:${cloudPath}:${expires}`))) return xmlError(403, 'AccessDenied', 'not a valid link');
      if (expires * 1000 < this.now()) return xmlError(403, 'AccessDenied', 'the link has expired');
      if (!fs.existsSync(file)) return xmlError(404, 'NoSuchKey', 'no such file');
      const bytes = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length, 'access-control-allow-origin': '*' });
      return void res.end(req.method === 'HEAD' ? undefined : bytes);
    }
    xmlError(405, 'MethodNotAllowed', 'use PUT or GET');
  }
}
