/** ECharts with only what the app draws: imported by the chart screens alone, so it stays off the first route. */
import { LineChart, MapChart, BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, MapChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, TitleComponent, AriaComponent, CanvasRenderer, SVGRenderer]);

export { echarts };
