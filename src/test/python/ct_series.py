#!/usr/bin/python3
"""Writes one head-CT study as CT Image Storage files, for tests of StrokeScan's DICOMweb (STOW-RS) receiver.

The slices come from PNG/JPEG files (in the order given) or from a patient of the brain-ct dataset (ordered by the
manifest's CT-ICH slice number, base to vertex). Grey level g of the source maps to HU = C - W/2 + g/255 * W for the
window C/W; pixels are stored unsigned as HU + 1024 (RescaleSlope 1, RescaleIntercept -1024).

UIDs come from --seed (or --study-uid), so the same command writes the same instances again (a resend).
Prints a JSON summary on stdout. Needs Debian's python3-pydicom, python3-numpy and python3-pil.
"""

import argparse
import csv
import datetime
import hashlib
import json
import os
import random
import sys
import uuid
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import (CTImageStorage, ExplicitVRLittleEndian, ImplicitVRLittleEndian, MRImageStorage,
                         PYDICOM_IMPLEMENTATION_UID, generate_uid)

RESCALE_INTERCEPT = -1024
REPOSITORY = Path(__file__).resolve().parents[3]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_argument_group('source (slice files or a dataset patient)')
    source.add_argument('slices', nargs='*', type=Path, help='PNG/JPEG slices, base to vertex')
    source.add_argument('--patient', type=int, help='brain-ct patient number (CT-ICH, 49-130)')
    source.add_argument('--data-dir', type=Path, default=default_data_dir(),
                        help='the brain-ct folder (default: ../shared/data/brain-ct next to the repository)')
    source.add_argument('--max-slices', type=int, help='only the first N slices (from the base)')
    parser.add_argument('--out', type=Path, required=True, help='folder for IM000001, IM000002, ... (created)')
    parser.add_argument('--stow-body', type=Path,
                        help='also write the instances as one STOW-RS request body (multipart/related; '
                             'type="application/dicom"); the summary names its Content-Type')

    ids = parser.add_argument_group('identity (deterministic: the same seed gives the same UIDs)')
    ids.add_argument('--seed', help='derives every UID and the accession number (default: random)')
    ids.add_argument('--study-uid', help='StudyInstanceUID; series and SOP UIDs are derived from it')
    ids.add_argument('--patient-id', help='PatientID (default: TEST<patient> or from the seed)')
    ids.add_argument('--issuer', default='STROKESCAN-TEST', help='IssuerOfPatientID')
    ids.add_argument('--patient-name', help='PatientName (default: TEST^PATIENT <id>)')
    ids.add_argument('--accession', help='AccessionNumber (default: from the seed)')
    ids.add_argument('--study-datetime', help='YYYYMMDDHHMMSS (default: now)')

    content = parser.add_argument_group('content')
    content.add_argument('--window-centre', type=float, default=40.0, help='window the source grey levels show (HU)')
    content.add_argument('--window-width', type=float, default=70.0, help="(HU; 40/70 is the shipped model card's dicomWindow)")
    content.add_argument('--slice-thickness', type=float, default=5.0, help='mm; also the z step')
    content.add_argument('--pixel-spacing', type=float, default=0.9, help='mm per pixel (rows and columns)')
    content.add_argument('--modality', default='CT', help='Modality; MR also writes MR Image Storage')
    content.add_argument('--body-part', default='HEAD', help='BodyPartExamined')
    content.add_argument('--study-description', default='CT HEAD WO CONTRAST')
    content.add_argument('--series-description', default=None, help='default: AXIAL <thickness> mm')
    content.add_argument('--referring-physician', default='REFERRING^TEST')
    content.add_argument('--performing-physician', default='PERFORMING^TEST')

    cases = parser.add_argument_group('cases a receiver must refuse or handle')
    cases.add_argument('--localizer', action='store_true', help='ImageType ORIGINAL\\PRIMARY\\LOCALIZER')
    cases.add_argument('--implicit-vr', action='store_true', help='Implicit VR Little Endian')
    cases.add_argument('--minimal', action='store_true',
                       help='like an anonymised export: UIDs such as ID_1b5ac170c (not DICOM UIDs), no SOP Class '
                            'UID in the dataset (only in the file meta), no descriptions, body part or physicians')
    cases.add_argument('--shuffle-instance-numbers', action='store_true',
                       help='InstanceNumbers permuted (from the seed); positions still run base to vertex')
    cases.add_argument('--reverse-positions', action='store_true',
                       help='instances run from the vertex down: IM000001, InstanceNumber 1, is the top slice '
                            '(z still grows towards the vertex)')
    cases.add_argument('--extra-series', type=float, metavar='THICKNESS',
                       help='a second series of the same slices in the same study, with this slice thickness')
    cases.add_argument('--truncate-last', type=int, metavar='BYTES', help='cut this many bytes off the last file')
    cases.add_argument('--mismatched-size', action='store_true',
                       help='the middle slice gets 3/4 of the rows and columns of the others')
    args = parser.parse_args(argv)
    if bool(args.slices) == (args.patient is not None):
        parser.error('give either slice files or --patient')
    if args.window_width <= 0:
        parser.error('--window-width must be positive')
    return args


def default_data_dir():
    root = Path(os.environ.get('PROJECT_ROOT', REPOSITORY))
    return (root / '..' / 'shared' / 'data' / 'brain-ct').resolve()


def patient_slices(data_dir, patient):
    manifest = data_dir / 'manifest.csv'
    if not manifest.is_file():
        sys.exit(f'ct_series.py: no {manifest} (the brain-ct dataset, not part of the repository)')
    with manifest.open(newline='') as f:
        rows = [r for r in csv.DictReader(f) if int(r['patient_id']) == patient]
    if not rows:
        sys.exit(f'ct_series.py: patient {patient} is not in {manifest}')
    rows.sort(key=lambda r: int(r['ctich_slice_number']))
    return [data_dir / r['file'] for r in rows]


def hounsfield_pixels(image, centre, width):
    """Stored values (HU + 1024, uint16) of an 8-bit grey image shown through the window centre/width."""
    grey = np.asarray(image.convert('L'), dtype=np.float64)
    hu = centre - width / 2 + grey / 255.0 * width
    return np.clip(np.rint(hu - RESCALE_INTERCEPT), 0, 65535).astype(np.uint16)


class Uids:
    """DICOM UIDs (2.25.<hash>) or, with --minimal, export-style IDs, all derived from one seed."""

    def __init__(self, seed, minimal):
        self.seed = seed
        self.minimal = minimal

    def make(self, *parts):
        key = '/'.join([self.seed, *map(str, parts)])
        if self.minimal:
            return 'ID_' + hashlib.sha256(key.encode()).hexdigest()[:9]
        return generate_uid(prefix=None, entropy_srcs=[key])


def main(argv):
    args = parse_args(argv)
    sources = patient_slices(args.data_dir, args.patient) if args.patient is not None else list(args.slices)
    if args.max_slices:
        sources = sources[:args.max_slices]
    seed = args.seed or args.study_uid or uuid.uuid4().hex
    uids = Uids(seed, args.minimal)
    study_uid = args.study_uid or uids.make('study')
    patient_id = args.patient_id or (f'TEST{args.patient:03d}' if args.patient is not None
                                      else 'TEST' + hashlib.sha256(seed.encode()).hexdigest()[:8].upper())
    accession = args.accession or 'A' + str(int(hashlib.sha256((seed + '/accession').encode()).hexdigest(), 16))[:9]
    when = (datetime.datetime.strptime(args.study_datetime, '%Y%m%d%H%M%S') if args.study_datetime
            else datetime.datetime.now().replace(microsecond=0))
    study = dict(study_uid=study_uid, patient_id=patient_id, accession=accession, when=when,
                 patient_name=args.patient_name or f'TEST^PATIENT {patient_id}')

    series = [dict(number=1, thickness=args.slice_thickness)]
    if args.extra_series:
        series.append(dict(number=2, thickness=args.extra_series))
    images = [Image.open(path) for path in sources]
    mismatched = len(images) // 2 if args.mismatched_size else None

    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for s in series:
        s['uid'] = uids.make(study_uid, 'series', s['number'])
        numbers = list(range(1, len(images) + 1))
        if args.shuffle_instance_numbers:
            random.Random(f'{seed}/{s["number"]}').shuffle(numbers)
        # index: anatomical place (0 = skull base), which fixes z; k: place in the files and instance numbers
        order = list(reversed(range(len(images)))) if args.reverse_positions else list(range(len(images)))
        for k, index in enumerate(order):
            path, image = sources[index], images[index]
            if index == mismatched:
                image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.LANCZOS)
            z = index * s['thickness']
            instance_number = numbers[k]
            sop_uid = uids.make(study_uid, s['uid'], 'instance', index + 1)
            dataset = ct_slice(args, study, s, sop_uid, instance_number, z, image)
            file = args.out / f'IM{len(written) + 1:06d}'
            write(dataset, file, args.implicit_vr)
            written.append(dict(file=str(file), seriesInstanceUid=s['uid'], sopInstanceUid=sop_uid,
                                instanceNumber=instance_number, z=z, rows=image.height, columns=image.width,
                                source=str(path)))
    if args.truncate_last:
        last = Path(written[-1]['file'])
        data = last.read_bytes()
        last.write_bytes(data[:max(0, len(data) - args.truncate_last)])

    summary = dict(studyInstanceUid=study_uid, seriesInstanceUids=[s['uid'] for s in series],
                   sopInstanceUids=[w['sopInstanceUid'] for w in written], patientId=patient_id,
                   issuerOfPatientId=args.issuer, accessionNumber=accession, modality=args.modality,
                   out=str(args.out), instances=written)
    if args.stow_body:
        summary['stowContentType'] = write_stow_body(args.stow_body, [Path(w['file']) for w in written], seed)
        summary['stowBody'] = str(args.stow_body)
    json.dump(summary, sys.stdout, indent=2)
    print()


def ct_slice(args, study, series, sop_uid, instance_number, z, image):
    mr = args.modality.upper() == 'MR'
    sop_class = MRImageStorage if mr else CTImageStorage
    ds = Dataset()
    if not args.minimal:
        ds.SOPClassUID = sop_class
        ds.SpecificCharacterSet = 'ISO_IR 100'
    ds.SOPInstanceUID = sop_uid
    ds.ImageType = ['ORIGINAL', 'PRIMARY', 'LOCALIZER' if args.localizer else 'AXIAL']
    when = study['when']
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = when.strftime('%Y%m%d')
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = when.strftime('%H%M%S')
    ds.AccessionNumber = study['accession']
    ds.Modality = args.modality
    ds.Manufacturer = 'StrokeScan test generator'
    if not args.minimal:
        ds.ReferringPhysicianName = args.referring_physician
        ds.StudyDescription = args.study_description
        ds.SeriesDescription = args.series_description or f'AXIAL {series["thickness"]:g} mm'
        ds.PerformingPhysicianName = args.performing_physician
        ds.BodyPartExamined = args.body_part
    ds.PatientName = study['patient_name']
    ds.PatientID = study['patient_id']
    ds.IssuerOfPatientID = args.issuer
    ds.PatientBirthDate = ''
    ds.PatientSex = ''
    ds.SliceThickness = f'{series["thickness"]:g}'
    if not mr:
        ds.KVP = '120'
    ds.PatientPosition = 'HFS'
    ds.StudyInstanceUID = study['study_uid']
    ds.SeriesInstanceUID = series['uid']
    ds.StudyID = '1'
    ds.SeriesNumber = series['number']
    ds.InstanceNumber = instance_number
    ds.ImagePositionPatient = [f'{-image.width * args.pixel_spacing / 2:g}',
                               f'{-image.height * args.pixel_spacing / 2:g}', f'{z:g}']
    ds.ImageOrientationPatient = ['1', '0', '0', '0', '1', '0']
    ds.FrameOfReferenceUID = generate_uid(prefix=None, entropy_srcs=[study['study_uid'], 'frame'])
    ds.SliceLocation = f'{z:g}'
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.Rows = image.height
    ds.Columns = image.width
    ds.PixelSpacing = [f'{args.pixel_spacing:g}', f'{args.pixel_spacing:g}']
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.WindowCenter = f'{args.window_centre:g}'
    ds.WindowWidth = f'{args.window_width:g}'
    ds.RescaleIntercept = str(RESCALE_INTERCEPT)
    ds.RescaleSlope = '1'
    ds.RescaleType = 'HU'
    ds.PixelData = hounsfield_pixels(image, args.window_centre, args.window_width).tobytes()

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ImplicitVRLittleEndian if args.implicit_vr else ExplicitVRLittleEndian
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    ds.file_meta = meta
    return ds


def write(dataset, file, implicit_vr):
    dataset.is_little_endian = True
    dataset.is_implicit_VR = implicit_vr
    # write_like_original=False: preamble, DICM prefix and a complete file meta group (Part 10)
    pydicom.dcmwrite(file, dataset, write_like_original=False)


def write_stow_body(body_file, files, seed):
    """One multipart/related body, a part per instance (PS3.18 STOW-RS); returns its Content-Type."""
    boundary = 'strokescan-' + hashlib.sha256((seed + '/boundary').encode()).hexdigest()[:24]
    with body_file.open('wb') as body:
        for file in files:
            body.write(f'--{boundary}\r\nContent-Type: application/dicom\r\n\r\n'.encode('ascii'))
            body.write(file.read_bytes())
            body.write(b'\r\n')
        body.write(f'--{boundary}--\r\n'.encode('ascii'))
    return f'multipart/related; type="application/dicom"; boundary={boundary}'


if __name__ == '__main__':
    # pydicom warns about the --minimal IDs (not valid UIDs); they are meant that way, so keep stdout JSON-only
    import warnings
    warnings.simplefilter('ignore')
    main(sys.argv[1:])
