import { render } from 'preact';
import { EXPORT_PARAM } from '../../components/search/ExportButton';
import { SearchApp } from '../../components/search/SearchApp';
import { viewFromParams } from '../../utils/search/views';
import '../../assets/theme.css';
import '../../components/core/stage-chip.css';
import '../../components/search/search-base.css';
import '../../components/search/search-form.css';
import '../../components/search/search-results.css';
import '../../components/search/search-notices.css';
import './style.css';

// Other parts of the extension deep-link here (`search.html?lead_id=123`,
// `?view=due`); with no query the page picks up the last search, like the popup.
const params = new URLSearchParams(location.search);
// `export=1`: the popup's Export CSV handed its search to this tab, which outlives the popup.
const autoExport = params.get(EXPORT_PARAM) === '1';
params.delete(EXPORT_PARAM);
const initial = viewFromParams(params);

render(
  <SearchApp
    layout="tab"
    initial={initial}
    autoExport={autoExport}
    onSearched={(query) => {
      const search = query.toString();
      history.replaceState(null, '', search ? `?${search}` : location.pathname);
    }}
  />,
  document.getElementById('app')!,
);
