/** Development only: parse a pasted document in the browser and show the review pane. */
import { parsePlan } from '@xietong/parser';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { ReviewPane } from '../components/review/ReviewPane';

export default function DevReviewPage() {
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<ReturnType<typeof parsePlan> | null>(null);
  return (
    <div style={{ padding: 16 }}>
      <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      <Button onClick={() => setPlan(parsePlan(text, { defaultYear: 2022 }))}>parse</Button>
      {plan ? <ReviewPane plan={plan} originalText={text} /> : null}
    </div>
  );
}
