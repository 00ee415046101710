import { describe, expect, it } from 'vitest';
import { frameMarks, markCounts, marksSvg } from './frame-marks.js';

const person = { x: 10, y: 20, w: 30, h: 60 };
const elsewhere = { x: 200, y: 20, w: 30, h: 60 };
const other = { x: 100, y: 100, w: 30, h: 60 };

describe('frameMarks', () => {
  it('without ground truth draws the detections that reach the score, with their scores, and the tracks', () => {
    const marks = frameMarks({
      detections: [
        { ...person, score: 0.87 },
        { ...elsewhere, score: 0.1 },
      ],
      tracks: [{ trackId: 'a1', box: person }],
      iou: 0.5,
      minScore: 0.4,
    });
    expect(marks).toEqual([
      { kind: 'detection', box: { ...person, score: 0.87 }, label: '0.87' },
      { kind: 'track', box: person, label: '#a1' },
    ]);
  });

  it('with ground truth tells found people, false detections and missed people apart', () => {
    const marks = frameMarks({
      detections: [
        { ...person, x: person.x + 2, score: 0.9 },
        { ...elsewhere, score: 0.6 },
      ],
      tracks: [],
      truth: [person, other],
      iou: 0.5,
      minScore: 0.4,
    });
    expect(marks.map((m) => [m.kind, m.box.x])).toEqual([
      ['hit', 12],
      ['false-positive', 200],
      ['miss', 100],
    ]);
    expect(markCounts(marks)).toEqual({ detection: 0, hit: 1, 'false-positive': 1, miss: 1, track: 0 });
  });

  it('a detection overlapping a person below the IoU threshold is a false one and the person is missed', () => {
    const marks = frameMarks({
      detections: [{ ...person, x: person.x + 20, score: 0.9 }],
      tracks: [],
      truth: [person],
      iou: 0.5,
      minScore: 0.4,
    });
    expect(marks.map((m) => m.kind)).toEqual(['false-positive', 'miss']);
  });
});

describe('marksSvg', () => {
  it('is an SVG the size of the frame with one rectangle per mark where the box is', () => {
    const svg = marksSvg(384, 288, [
      { kind: 'hit', box: person, label: '0.90' },
      { kind: 'miss', box: other },
    ]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="384" height="288">/);
    expect(svg).toContain('<rect x="10" y="20" width="30" height="60" fill="none" stroke="#00e676"');
    expect(svg).toMatch(
      /<rect x="100" y="100" width="30" height="60" fill="none" stroke="#2979ff"[^>]*stroke-dasharray/,
    );
    expect(svg).toContain('>0.90</text>');
    expect(svg).toContain('>1 found</text>');
    expect(svg).toContain('>1 missed</text>');
  });

  it('keeps only plain characters of a label, so a label cannot break the markup', () => {
    const svg = marksSvg(100, 100, [{ kind: 'track', box: person, label: '#7<script>&"' }]);
    expect(svg).toContain('>#7script</text>');
    expect(svg).not.toContain('<script');
  });
});
