/** A worker thread writing branch pages of the HTML report (see reportPages.ts). */
import { workerData } from 'node:worker_threads';
import { serveBatches } from '../../workspace/threads';
import { PageWriter, type PageItem, type PageSetup } from './reportPages';

const writer = new PageWriter(workerData as PageSetup);

serveBatches((items: readonly PageItem[]) => writer.write(items));
