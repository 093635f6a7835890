import Foundation

/// The operator page's style sheet and its small script, inline so the page needs nothing from elsewhere.
enum PageStyle {
    /// Desktop first; at 480 px and below, tighter margins, no bars, and tables that scroll inside their box so
    /// the page itself never scrolls sideways.
    static let css = """
        body{font-family:system-ui,"Noto Sans","DejaVu Sans",sans-serif;margin:2rem;color:#222;max-width:76rem;line-height:1.4}
        h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.2rem;margin:1.5rem 0 .4rem}.en{color:#777;font-size:.82em;font-weight:normal}
        table{border-collapse:collapse;margin:.3rem 0}td,th{padding:.3rem .6rem;text-align:left;border-bottom:1px solid #ddd;vertical-align:top}
        th{background:#f4f6f4;white-space:nowrap}th .en{display:block}table.sortable th{cursor:pointer}
        th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        .scroll{overflow-x:auto;max-width:100%}td.bar{width:16rem}td.bar div{background:#2a7d4f;height:.9rem}
        .note{color:#555}.export{font-size:.9em}.detail{display:block;color:#555;font-size:.85em}td.reason .en{display:block}
        tr.problem td{color:#a00}details{margin:.3rem 0}summary{cursor:pointer}summary h2{display:inline}
        figure{margin:0 0 1rem}svg{max-width:100%;height:auto}#links{display:flex;flex-wrap:wrap;gap:1rem}
        figure.link{max-width:20rem;overflow-wrap:anywhere}svg.qr{width:160px}code{overflow-wrap:anywhere}
        .filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}.filters input,.filters select{font:inherit;max-width:100%}
        td.phone{white-space:nowrap}tr[hidden]{display:none}
        @media (max-width:480px){body{margin:.6rem}h1{font-size:1.25rem}td,th{padding:.25rem .4rem}
        td.bar,th.bar{display:none}th{white-space:normal}.filters label,.filters input,.filters select{width:100%}}
        """

    /// On a phone (≤ 480 px), `table` stacked: each row a block, each cell a line led by its column's label (the
    /// header row is hidden; the filters still work).
    static func stacked(_ table: String, labels: [String]) -> String {
        var css = "@media (max-width:480px){\(table) thead{display:none}\(table),\(table) tbody,\(table) tr,\(table) td{display:block}"
        css += "\(table) tr{border-bottom:1px solid #bbb;padding:.35rem 0}\(table) tr[hidden]{display:none}\(table) td{border:0;padding:.1rem .2rem}"
        css += "\(table) td::before{display:inline-block;min-width:6.5rem;color:#777;font-size:.85em}"
        for (position, label) in labels.enumerated() {
            css += "\(table) td:nth-child(\(position + 1))::before{content:\"\(label.replacingOccurrences(of: "\"", with: ""))\"}"
        }
        return css + "}"
    }

    /// Sorts any `table.sortable` by the column whose header is clicked (or given Enter; numbers as numbers, text in Vietnamese
    /// order), and filters the missing list by platform, reason and text; shows the filters only when it runs.
    static let script = """
        (function(){
        function value(cell,numeric){var v=cell.getAttribute('data-value')||cell.textContent.trim();return numeric?parseFloat(v.replace(/[^0-9.\\-]/g,''))||0:v;}
        document.querySelectorAll('table.sortable').forEach(function(table){
          var heads=table.querySelectorAll('thead th');
          heads.forEach(function(th,column){th.tabIndex=0;
            th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();th.click();}});
            th.addEventListener('click',function(){
            var numeric=th.getAttribute('data-type')==='number',up=th.getAttribute('aria-sort')!=='ascending';
            heads.forEach(function(other){other.removeAttribute('aria-sort');});
            th.setAttribute('aria-sort',up?'ascending':'descending');
            var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
            rows.sort(function(a,b){var x=value(a.cells[column],numeric),y=value(b.cells[column],numeric);
              var order=numeric?x-y:x.localeCompare(y,'vi');return up?order:-order;});
            rows.forEach(function(row){body.appendChild(row);});
          });});
        });
        var filters=document.getElementById('missing-filters');if(!filters)return;filters.hidden=false;
        var text=document.getElementById('missing-search'),platform=document.getElementById('missing-platform'),
          reason=document.getElementById('missing-reason'),count=document.getElementById('missing-count'),
          rows=document.querySelectorAll('#missing-table tbody tr');
        function apply(){var q=text.value.trim().toLocaleLowerCase('vi').normalize('NFC'),shown=0;
          rows.forEach(function(row){var ok=(!platform.value||row.getAttribute('data-platform')===platform.value)&&
            (!reason.value||row.getAttribute('data-reason')===reason.value)&&
            (!q||row.textContent.toLocaleLowerCase('vi').normalize('NFC').indexOf(q)>=0);
            row.hidden=!ok;if(ok)shown++;});
          count.textContent=count.getAttribute('data-vi').replace(/\\d+/,shown);}
        [text,platform,reason].forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});apply();
        })();
        """
}
