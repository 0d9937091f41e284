/**
 * An hourly bar chart drawn on the server as inline SVG: it appears without JavaScript and
 * carries its own text alternative (the total and the busiest hour) for screen readers.
 */
export function HourlyChart(props: { label: string; counts: number[]; color: string }) {
  const { counts } = props;
  const barWidth = 2;
  const height = 40;
  const width = counts.length * barWidth;
  const max = Math.max(1, ...counts);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const description = `${props.label}: ${total} in the last ${counts.length / 24} days, at most ${Math.max(0, ...counts)} in one hour`;
  return (
    <svg
      class="chart"
      role="img"
      aria-label={description}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{description}</title>
      {counts.map((count, index) =>
        count === 0 ? null : (
          <rect
            x={index * barWidth}
            y={height - (count / max) * height}
            width={barWidth - 0.4}
            height={(count / max) * height}
            fill={props.color}
          />
        ),
      )}
    </svg>
  );
}
