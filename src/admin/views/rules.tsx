import type { RoutingRule } from '../../ingest/index.ts';
import type { PreviewResult } from '../rerouting.ts';
import { AdminPage, CsrfField, type PageContext, PostButton } from './layout.tsx';

export interface RuleFormProps {
  csrf: string;
  action: string;
  values: Record<string, string>;
  sections: { slug: string; name: string }[];
  feeds: string[];
  agencies: string[];
}

function Choice(props: { name: string; label: string; value: string; options: { value: string; label: string }[]; none: string }) {
  return (
    <>
      <label for={`r-${props.name}`}>{props.label}</label>
      <select id={`r-${props.name}`} name={props.name}>
        <option value="">{props.none}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

export function RuleForm(props: RuleFormProps) {
  const { values } = props;
  const text = (name: string, label: string, hint: string, area = false) => (
    <>
      <label for={`r-${name}`}>
        {label} <span class="hint">{hint}</span>
      </label>
      {area ? (
        <textarea id={`r-${name}`} name={name}>
          {values[name] ?? ''}
        </textarea>
      ) : (
        <input id={`r-${name}`} type="text" name={name} value={values[name] ?? ''} />
      )}
    </>
  );
  const plain = (items: string[]) => items.map((item) => ({ value: item, label: item }));
  return (
    <form method="post" action={props.action}>
      <CsrfField csrf={props.csrf} />
      {text('name', 'Name', '')}
      {text('position', 'Order', '(lower runs first)')}
      <label>
        <input type="checkbox" name="enabled" value="on" checked={values.enabled === 'on'} /> Enabled
      </label>
      <fieldset>
        <legend>When (every condition given must hold)</legend>
        <Choice name="feed_id" label="Feed" value={values.feed_id ?? ''} options={plain(props.feeds)} none="any feed" />
        <Choice name="agency_id" label="Agency" value={values.agency_id ?? ''} options={plain(props.agencies)} none="any agency" />
        {text('subjects', 'Agency subject codes', '(any of them; one per line, e.g. medtop:13000000 or science)', true)}
        {text('keywords', 'Keywords', '(any of them, in the agency keywords or the headline; one per line)', true)}
        {text('place', 'Dateline place', '(e.g. Pune)')}
      </fieldset>
      <fieldset>
        <legend>Then</legend>
        <Choice
          name="section"
          label="Section"
          value={values.section ?? ''}
          options={props.sections.map((section) => ({ value: section.slug, label: section.name }))}
          none="leave as routed"
        />
        {text('city', 'City', '(leave empty to keep the dateline city)')}
        {text('tags', 'Add tags', '(comma-separated)')}
      </fieldset>
      <p>
        <button type="submit" name="intent" value="preview">
          Preview against the last 200 stories
        </button>{' '}
        <button type="submit" name="intent" value="save">
          Save rule
        </button>
      </p>
    </form>
  );
}

export function PreviewPanel(props: { preview: PreviewResult; sectionNames: Map<string, string> }) {
  const { preview } = props;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview (nothing saved yet)</h2>
      <p class="notice" role="status">
        {preview.changes.length === 0
          ? `None of the last ${preview.examined} stories would change.`
          : `${preview.changes.length} of the last ${preview.examined} stories would change.`}{' '}
        {[...preview.movesBySection]
          .map(
            ([section, count]) =>
              `${count} ${count === 1 ? 'story' : 'stories'} would move to ${props.sectionNames.get(section) ?? section}.`,
          )
          .join(' ')}
      </p>
      {preview.changes.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Story</th>
              <th>Section</th>
              <th>City</th>
              <th>Tags</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((change) => (
              <tr>
                <td>
                  {change.headline}{' '}
                  <span class="muted">
                    (#{change.storyId}, {change.status})
                  </span>
                </td>
                <td>{change.from.section === change.to.section ? change.to.section : `${change.from.section} → ${change.to.section}`}</td>
                <td>
                  {change.from.city === change.to.city
                    ? (change.to.city ?? '')
                    : `${change.from.city ?? '(none)'} → ${change.to.city ?? '(none)'}`}
                </td>
                <td>
                  {change.to.tags
                    .filter((tag) => !change.from.tags.includes(tag))
                    .map((tag) => `+${tag}`)
                    .join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function RulesView(props: {
  page: PageContext;
  rules: RoutingRule[];
  form: RuleFormProps;
  preview: PreviewResult | null;
  sectionNames: Map<string, string>;
}) {
  const { page } = props;
  return (
    <AdminPage page={page} title="Routing rules">
      <p class="muted">
        Rules run in order on top of each feed's default section. The first matching rule with a section decides the section (likewise the
        city); every matching rule adds its tags. New stories follow saved rules at once; stored stories move when you re-apply.
      </p>
      <table>
        <thead>
          <tr>
            <th>Order</th>
            <th>Rule</th>
            <th>When</th>
            <th>Then</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {props.rules.map((rule) => (
            <tr>
              <td>{rule.position}</td>
              <td>
                <a href={`/admin/rules/${rule.id}`}>{rule.name}</a>
              </td>
              <td>{describeWhen(rule)}</td>
              <td>{describeThen(rule, props.sectionNames)}</td>
              <td>{rule.enabled ? 'enabled' : 'disabled'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <PostButton action="/admin/rules/reapply" csrf={page.csrf} label="Re-apply all rules to stored stories" />
      </p>
      <h2>{props.form.action === '/admin/rules' ? 'New rule' : 'Edit rule'}</h2>
      {props.preview !== null ? <PreviewPanel preview={props.preview} sectionNames={props.sectionNames} /> : null}
      <RuleForm {...props.form} />
      {props.form.action !== '/admin/rules' ? (
        <p>
          <PostButton action={`${props.form.action}/delete`} csrf={page.csrf} label="Delete this rule" danger />
        </p>
      ) : null}
    </AdminPage>
  );
}

function describeWhen(rule: RoutingRule): string {
  const parts = [
    rule.feedId === null ? null : `feed ${rule.feedId}`,
    rule.agencyId === null ? null : `agency ${rule.agencyId}`,
    rule.subjects.length === 0 ? null : `subject ${rule.subjects.join(' or ')}`,
    rule.keywords.length === 0 ? null : `keyword ${rule.keywords.join(' or ')}`,
    rule.place === null ? null : `dateline ${rule.place}`,
  ];
  return parts.filter((part) => part !== null).join('; ');
}

function describeThen(rule: RoutingRule, sectionNames: Map<string, string>): string {
  const parts = [
    rule.section === null ? null : `section ${sectionNames.get(rule.section) ?? rule.section}`,
    rule.city === null ? null : `city ${rule.city}`,
    rule.tags.length === 0 ? null : `tags ${rule.tags.join(', ')}`,
  ];
  return parts.filter((part) => part !== null).join('; ');
}
