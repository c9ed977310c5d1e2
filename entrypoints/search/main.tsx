import { render } from 'preact';
import { SearchApp } from '../../components/search/SearchApp';
import { formFromParams } from '../../utils/search/form-state';
import '../../assets/theme.css';
import '../../components/common/stage-chip.css';
import '../../components/search/search.css';
import './style.css';

// Other parts of the extension deep-link here (`search.html?lead_id=123`); with
// no query the page picks up the last search, like the popup.
const params = new URLSearchParams(location.search);
const initial = [...params.keys()].length > 0 ? formFromParams(params) : null;

render(
  <SearchApp
    layout="tab"
    initial={initial}
    onSearched={(query) => {
      const search = query.toString();
      history.replaceState(null, '', search ? `?${search}` : location.pathname);
    }}
  />,
  document.getElementById('app')!,
);
