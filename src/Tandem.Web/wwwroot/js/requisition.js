// The requisition form: add/remove lines and splits, add catalog offers, and show live totals.
// The numbers here are a preview for the person typing; the server computes the real amounts in integer minor units.
(function () {
    const form = document.getElementById('requisition-form');
    if (!form) return;
    const lines = form.querySelector('#lines tbody');
    const splits = form.querySelector('#splits tbody');

    const number = (text) => {
        const n = Number(String(text ?? '').trim().replace(/,/g, ''));
        return Number.isFinite(n) ? n : NaN;
    };
    const cents = (n) => Math.round(n * 100);
    const show = (c) => (c / 100).toFixed(2);
    const field = (row, name) => row.querySelector(`[data-field="${name}"]`);
    const value = (el) => el ? (el.value ?? el.textContent) : '';

    function addFrom(templateId, target) {
        const row = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
        target.appendChild(row);
        return row;
    }

    function recalc() {
        let total = 0;
        for (const row of lines.querySelectorAll('tr[data-line]')) {
            const amount = cents(number(value(field(row, 'quantity'))) * number(value(field(row, 'price'))));
            field(row, 'amount').textContent = Number.isNaN(amount) ? '—' : show(amount);
            if (!Number.isNaN(amount)) total += amount;
        }
        form.querySelector('#total').textContent = show(total);

        const status = form.querySelector('#allocation');
        const rows = [...splits.querySelectorAll('tr[data-split]')];
        if (rows.length === 0) {
            status.textContent = 'No split: charged in full to your department.';
            status.className = '';
            return;
        }
        let allocated = 0;
        for (const row of rows) {
            const pct = number(value(field(row, 'percent')));
            const amt = number(value(field(row, 'amount')));
            if (value(field(row, 'percent')).trim() !== '' && !Number.isNaN(pct)) allocated += Math.round(total * pct / 100);
            else if (value(field(row, 'amount')).trim() !== '' && !Number.isNaN(amt)) allocated += cents(amt);
        }
        const left = total - allocated;
        status.textContent = left === 0 ? `Allocated in full: ${show(allocated)}.` : `Allocated ${show(allocated)} of ${show(total)}: ${show(Math.abs(left))} ${left > 0 ? 'still to allocate' : 'too much'}.`;
        status.className = left === 0 ? 'ok' : 'off';
    }

    form.querySelector('#add-line').addEventListener('click', () => { addFrom('free-line', lines).querySelector('input')?.focus(); recalc(); });
    form.querySelector('#add-split').addEventListener('click', () => { addFrom('split-row', splits); recalc(); });

    form.addEventListener('click', (e) => {
        const remove = e.target.closest('[data-remove]');
        if (remove) { remove.closest('tr').remove(); recalc(); return; }
        const pick = e.target.closest('[data-pick]');
        if (!pick) return;
        const row = addFrom('catalog-line', lines);
        field(row, 'offer').value = pick.dataset.offer;
        field(row, 'description').textContent = pick.dataset.description;
        field(row, 'vendor').textContent = pick.dataset.vendor;
        field(row, 'unit').textContent = pick.dataset.unit;
        field(row, 'price').textContent = pick.dataset.price;
        field(row, 'quantity').focus();
        recalc();
    });
    form.addEventListener('input', recalc);

    // Rows are numbered only when the form is sent, so adding and removing rows never leaves gaps.
    form.addEventListener('submit', () => {
        for (const [body, list] of [[lines, 'Lines'], [splits, 'Splits']]) {
            [...body.querySelectorAll('tr')].forEach((row, i) => {
                for (const el of row.querySelectorAll('[name]')) {
                    el.name = el.name.replace(new RegExp(`Input\\.${list}\\[\\d+\\]`), `Input.${list}[${i}]`);
                }
            });
        }
    });
    recalc();
})();
