// 第一篇 二.3: the materials a resident handed in (photos, letters) on the ticket page: list, download, upload.
import { api, hasRole } from '../api.js';
import { errorText, fmtTime, h, saveFile, toast } from '../ui.js';

// Sizes in Chinese units (兆 / 千字节), like the rest of the page.
const KB = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} 兆字节` : `${Math.max(1, Math.round(n / 1024))} 千字节`);

/** The file's bytes as base64 (the API takes JSON). */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function download(ticketId, item) {
  try {
    await saveFile(`/tickets/${ticketId}/attachments/${item.id}`, item.fileName);
  } catch (err) {
    toast(errorText(err));
  }
}

/** The panel; `reload` re-renders the ticket page (the upload shows in its history). */
export function attachmentsPanel(ticket, reload) {
  const list = h('div', { id: 'attachments' }, h('p', { class: 'muted' }, '加载中…'));
  const panel = h('div', { class: 'panel' }, h('h2', {}, '来访材料'), list);
  api(`/tickets/${ticket.id}/attachments`)
    .then((page) => {
      const rows = page.items.length
        ? h(
            'ul',
            { class: 'history' },
            page.items.map((item) =>
              h(
                'li',
                { 'data-attachment': item.id },
                h('span', { class: 'at' }, fmtTime(item.uploadedAt)),
                item.contentVisible
                  ? h(
                      'a',
                      {
                        href: '#',
                        onclick: (e) => {
                          e.preventDefault();
                          void download(ticket.id, item);
                        },
                      },
                      item.fileName,
                    )
                  : h('span', { title: '人事查看时不显示材料内容' }, item.fileName),
                h('span', { class: 'muted' }, `　${KB(item.size)} · ${item.uploadedBy.name}`),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '暂无材料');
      const canUpload = hasRole('staff', 'supervisor', 'manager', 'admin') && page.items.length < page.maxFiles;
      const input = h('input', { type: 'file', name: 'file', id: 'attachment-file', accept: page.allowedTypes.join(',') });
      const form = h(
        'form',
        { id: 'attachment-upload' },
        h('label', { for: 'attachment-file', class: 'inline-label' }, '选择材料 '),
        input,
        h('button', { type: 'submit' }, '上传'),
        h('p', { class: 'muted' }, `照片或文件，每个不超过 ${KB(page.maxBytes)}，每张工单最多 ${page.maxFiles} 个`),
      );
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const file = input.files?.[0];
        if (!file) return toast('请选择文件');
        if (file.size > page.maxBytes) return toast(`文件超过 ${KB(page.maxBytes)}`);
        try {
          const contentBase64 = await readBase64(file);
          await api(`/tickets/${ticket.id}/attachments`, { method: 'POST', body: { fileName: file.name, contentType: file.type, contentBase64 } });
          toast(`已上传 ${file.name}`);
          reload();
        } catch (err) {
          toast(errorText(err));
        }
      });
      list.replaceChildren(rows, canUpload ? form : '');
    })
    .catch((err) => list.replaceChildren(h('p', { class: 'error' }, errorText(err))));
  return panel;
}
